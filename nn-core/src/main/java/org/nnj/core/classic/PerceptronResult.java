package org.nnj.core.classic;

import java.util.List;

/**
 * What {@link Perceptron#train} did: whether it converged, how many epochs it ran, how many examples it
 * misclassified (and so updated on) in each epoch, and the weights and bias it ended with.
 *
 * @param converged      true when the last epoch classified every example right
 * @param epochs         the number of epochs run, including the final error-free one when converged
 * @param errorsPerEpoch the number of misclassified examples in each epoch, one entry per epoch
 * @param weights        the final weights, one per input (a copy)
 * @param bias           the final bias
 */
public record PerceptronResult(boolean converged, int epochs, List<Integer> errorsPerEpoch, float[] weights,
                               float bias) {

    public PerceptronResult {
        errorsPerEpoch = List.copyOf(errorsPerEpoch);
        weights = weights.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    /** The total number of updates made, summed over the epochs. */
    public int totalErrors() {
        return errorsPerEpoch.stream().mapToInt(Integer::intValue).sum();
    }

    /** For example {@code converged after 4 epochs, errors per epoch [2, 3, 1, 0]}. */
    @Override
    public String toString() {
        return (converged ? "converged after " : "did not converge in ") + epochs + " epochs, errors per epoch "
                + errorsPerEpoch;
    }
}
