package org.nnj.examples.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.loss.Loss;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.model.Sequential;
import org.nnj.core.predict.Predictor;
import org.nnj.core.registry.Registries;
import org.nnj.onnx.OnnxImport;

/**
 * The model files {@code ./nn predict} reads: NNJ model files, and ONNX files ({@code .onnx}), imported with
 * {@link OnnxImport}. An ONNX file holds no loss and no class names, so they are chosen from the model: outputs
 * that are already probabilities (a final softmax or sigmoid) are shown as they are, log-probabilities (a final
 * log-softmax) through their exponential ({@code nll}'s probabilities), anything else (logits) through a softmax;
 * ten outputs are named as Fashion-MNIST's classes, other counts by index.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** Whether {@code file} is an ONNX model, by its name. */
    public static boolean isOnnx(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** A predictor for the model in {@code file}, an NNJ model file or an ONNX file. */
    public static Predictor predictor(Path file, Registries registries, ComputeBackend backend) throws IOException {
        if (!isOnnx(file)) {
            return Predictor.load(file, registries, backend);
        }
        Sequential model = OnnxImport.read(file, registries);
        List<String> names = model.outputShape().size() == FashionMnist.CLASSES ? FashionMnist.CLASS_NAMES : List.of();
        return new Predictor(model, displayLoss(model, registries), names, backend);
    }

    /**
     * The loss whose probabilities turn an imported model's outputs into probabilities, or null when they are
     * probabilities already (a final softmax or sigmoid): {@code nll} after a log-softmax, else
     * {@code softmax_cross_entropy} (the outputs are logits). {@code ./nn convert} saves it with the model.
     */
    public static Loss displayLoss(Sequential model, Registries registries) {
        List<Layer> layers = model.layers();
        String last = layers.isEmpty() ? "" : layers.get(layers.size() - 1).config().asMap()
                .getOrDefault("function", "").toString();
        switch (last) {
            case "softmax":
            case "sigmoid":
                return null;
            case "log_softmax":
                return registries.loss("nll", Config.empty());
            default:
                return registries.loss("softmax_cross_entropy", Config.empty());
        }
    }
}
