package org.nnj.core.predict;

/**
 * One of a model's top guesses for one example.
 *
 * @param index       the output (class) index
 * @param label       the class name saved with the model, or the index as text when none was
 * @param probability the probability the model gives it, in [0, 1] for a softmax or sigmoid output
 */
public record Prediction(int index, String label, float probability) {
}
