/**
 * Classic learning machines that predate backpropagation, kept small and readable as teaching material:
 * Rosenblatt's {@link org.nnj.core.classic.Perceptron} and its learning rule.
 */
package org.nnj.core.classic;
