/**
 * The lecture's first demos: {@code ./nn perceptron} (Rosenblatt's rule learns AND, OR and a separable
 * cloud, and fails on XOR) and {@code ./nn xor} (a hidden layer trained by backpropagation solves XOR).
 */
package org.nnj.examples.classic;
