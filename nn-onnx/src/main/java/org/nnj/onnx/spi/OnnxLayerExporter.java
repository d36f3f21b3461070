package org.nnj.onnx.spi;

import org.nnj.api.layer.Layer;

/**
 * Writes one kind of layer as ONNX nodes: how a plugin's layer (or activation) gets into an exported model.
 * {@link org.nnj.onnx.OnnxExport} finds implementations with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.nnj.onnx.spi.OnnxLayerExporter}, or {@code provides} it in
 * {@code module-info.java}) and asks the one whose {@link #type()} matches for every such layer of a model.
 *
 * <p>{@link #type()} is the {@link Layer#type()} it exports ({@code "scale"}), or, for an activation, the
 * activation's name ({@code "swish"}): layers of type {@code "activation"}, which apply an activation, are
 * looked up by the activation they apply. The built-in layers have their own exporters, which a plugin cannot
 * replace.
 *
 * <pre>{@code
 * public final class ScaleExporter implements OnnxLayerExporter {
 *     public String type() { return "scale"; }
 *
 *     public String export(Layer layer, String input, OnnxGraph graph) {
 *         String factor = graph.scalar("factor", (float) layer.config().getDouble("factor"));
 *         return graph.node("Mul", input, factor).output();
 *     }
 * }
 * }</pre>
 */
public interface OnnxLayerExporter {

    /**
     * The {@link Layer#type()} this exports ({@code "scale"}), or the name of the activation it exports
     * ({@code "swish"}).
     */
    String type();

    /**
     * Adds the nodes that compute {@code layer} on the tensor named {@code input} to {@code graph} and returns
     * the name of the tensor they compute. Both tensors hold a batch: {@code [N, ...layer.inputShape()]} and
     * {@code [N, ...layer.outputShape()]}, float32, where {@code N} is the batch dimension.
     *
     * @throws org.nnj.onnx.OnnxException when this layer's settings have no ONNX form; the message says
     *                                    which setting and what to do (the export names the layer in front)
     */
    String export(Layer layer, String input, OnnxGraph graph);
}
