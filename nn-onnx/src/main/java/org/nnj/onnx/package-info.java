/**
 * ONNX models in and out of NNJ: an ONNX graph becomes a {@link org.nnj.core.model.Sequential} and back.
 */
package org.nnj.onnx;
