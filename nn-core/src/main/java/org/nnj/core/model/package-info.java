/**
 * Models: {@link org.nnj.core.model.Sequential} (an ordered, shape-checked list of layers) and its
 * builder, the passes that run it ({@link org.nnj.core.model.InferencePass} for prediction,
 * {@link org.nnj.core.model.TrainingPass} for forward and backward in training), and the per-call
 * {@link org.nnj.core.model.CallContext} they hand to each layer.
 *
 * <p>A model holds only its layers and their parameters; everything a pass needs per call lives in the
 * pass, which is what makes prediction from many threads safe.
 */
package org.nnj.core.model;
