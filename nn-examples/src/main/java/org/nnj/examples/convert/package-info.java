/** {@code ./nn convert}: models between ONNX and NNJ's model file, through nn-onnx. */
package org.nnj.examples.convert;
