/**
 * {@code ./nn train}: the model catalog (the MLP, LeNet and the CNN), where the Fashion-MNIST data come
 * from (the shipped subset or the full IDX files), the command itself with checkpoints and resuming, and
 * the JSON report it writes.
 */
package org.nnj.examples.train;
