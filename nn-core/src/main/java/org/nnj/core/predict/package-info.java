/**
 * Inference with a trained model: {@link org.nnj.core.predict.Predictor} turns a model's outputs into
 * probabilities and the most probable classes ({@link org.nnj.core.predict.Prediction}), loaded from a
 * model file.
 */
package org.nnj.core.predict;
