/**
 * How a plugin exports its own layers to ONNX: implement {@link org.nnj.onnx.spi.OnnxLayerExporter} and list
 * it as a service; it adds its nodes through {@link org.nnj.onnx.spi.OnnxGraph}.
 */
package org.nnj.onnx.spi;
