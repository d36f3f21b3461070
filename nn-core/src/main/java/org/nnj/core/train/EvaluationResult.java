package org.nnj.core.train;

/**
 * A model's mean loss and accuracy over a data set, from {@link Trainer#evaluate}.
 *
 * @param loss     the mean loss over the examples
 * @param accuracy the fraction of examples predicted right (see {@link EpochMetrics} for the rule)
 * @param samples  the number of examples evaluated
 */
public record EvaluationResult(double loss, double accuracy, int samples) {
}
