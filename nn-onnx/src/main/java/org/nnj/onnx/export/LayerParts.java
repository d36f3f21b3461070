package org.nnj.onnx.export;

import java.util.Optional;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.onnx.OnnxException;

/**
 * The tensors of a built-in layer, found by the names its {@link Layer#parameters()} and
 * {@link Layer#buffers()} give them ({@code "weight"}, {@code "running_mean"}): nn-onnx reads layers through
 * nn-api alone, as it reads a plugin's.
 */
final class LayerParts {
    private LayerParts() {
    }

    /** The parameter {@code name}, which the layer must have. */
    static Tensor parameter(Layer layer, String name) {
        return optionalParameter(layer, name).orElseThrow(() -> new OnnxException("the layer has no parameter '"
                + name + "' (parameters: " + layer.parameters() + ")"));
    }

    /** The parameter {@code name}, if the layer has it (a bias, which layers may leave out). */
    static Optional<Tensor> optionalParameter(Layer layer, String name) {
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** The buffer {@code name}, which the layer must have. */
    static Tensor buffer(Layer layer, String name) {
        Tensor t = layer.buffers().get(name);
        if (t == null) {
            throw new OnnxException("the layer has no buffer '" + name + "' (buffers: " + layer.buffers().keySet()
                    + ")");
        }
        return t;
    }

    /** {@code [a, b]} as ONNX's int64 list. */
    static long[] longs(int... values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
