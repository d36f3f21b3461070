/**
 * {@code ./nn predict}: classifies images with a saved model, read from IDX files or image files
 * ({@link org.nnj.examples.predict.GreyImages}), through {@link org.nnj.core.predict.Predictor}.
 */
package org.nnj.examples.predict;
