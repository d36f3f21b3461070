/**
 * Internal: how a model becomes an ONNX graph. The built-in layers' exporters, the graph under construction
 * that every exporter (a plugin's too) writes into, and the lookup of exporters by layer type.
 */
package org.nnj.onnx.export;
