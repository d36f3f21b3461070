package org.nnj.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;

/**
 * The models the export tests write: the three of {@code ./nn train}'s catalog (rebuilt here with the same
 * configs, since nn-examples is not a dependency of nn-onnx), and small ones for every layer, padding mode,
 * pooling variant and activation the export knows. Biases and batch-norm statistics get random values, so
 * that a tensor written in the wrong place or order shows in the outputs.
 */
final class TestModels {
    private TestModels() {
    }

    /** Every model, by name. */
    static Map<String, Supplier<Sequential>> all() {
        Map<String, Supplier<Sequential>> m = new LinkedHashMap<>();
        m.put("mlp", TestModels::mlp);
        m.put("lenet", TestModels::lenet);
        m.put("cnn", TestModels::cnn);
        m.put("batch norm", () -> image(3, 8, 8).add("conv2d", Config.of("filters", 4, "kernel", 3, "padding", 1))
                .add("batch_norm2d", Config.empty()).add("relu", Config.empty())
                .add("conv2d", Config.of("filters", 2, "kernel", 3, "bias", false))
                .add("batch_norm2d", Config.of("eps", 1e-3, "affine", false)).build());
        for (String mode : List.of("zeros", "reflect", "replicate", "symmetric")) {
            // Four different sides, so that an exchanged pair shows; then "same" with an even kernel, whose
            // extra element goes after.
            m.put("padding " + mode, () -> image(2, 7, 6)
                    .add("conv2d", Config.of("filters", 3, "kernel", 3, "padding", List.of(1, 2, 0, 2),
                            "padding_mode", mode))
                    .add("conv2d", Config.of("filters", 2, "kernel", List.of(5, 3), "stride", 2, "padding", "same",
                            "padding_mode", mode)).build());
        }
        for (String mode : List.of("zeros", "reflect", "replicate", "symmetric")) {
            // The pad2d layer an imported Pad becomes when nothing absorbs it. (Not before a max pool here: ONNX
            // Runtime 1.20's optimiser folds a constant Pad into a following MaxPool and then refuses pads as
            // wide as its kernel.)
            m.put("pad2d " + mode, () -> image(2, 6, 7)
                    .add("pad2d", Config.of("padding", List.of(2, 1, 0, 3), "mode", mode))
                    .add("conv2d", Config.of("filters", 2, "kernel", 3)).build());
        }
        m.put("dilated conv", () -> image(2, 9, 9).add("conv2d", Config.of("filters", 3, "kernel", 3, "dilation", 2,
                "stride", List.of(1, 2), "padding", 2)).build());
        for (boolean counted : new boolean[] {true, false}) {
            m.put("avg pool count_include_pad=" + counted, () -> image(2, 7, 7)
                    .add("avg_pool2d", Config.of("kernel", 3, "stride", 2, "padding", 1, "count_include_pad", counted))
                    .build());
        }
        m.put("max pool padded", () -> image(2, 7, 7).add("max_pool2d", Config.of("kernel", 3, "stride", 2,
                "padding", 1)).build());
        m.put("dropout", () -> Sequential.builder(Shape.of(6)).seed(3).add("dense", Config.of("units", 5))
                .add("dropout", Config.of("p", 0.5)).build());
        activation(m, "relu", Config.empty());
        activation(m, "leaky_relu", Config.of("alpha", 0.2));
        activation(m, "sigmoid", Config.empty());
        activation(m, "tanh", Config.empty());
        activation(m, "softmax", Config.empty());
        activation(m, "log_softmax", Config.empty());
        activation(m, "identity", Config.empty());
        activation(m, "elu", Config.of("alpha", 0.7));
        activation(m, "selu", Config.empty());
        activation(m, "gelu", Config.empty());
        activation(m, "gelu", Config.of("approximate", "tanh"));
        activation(m, "softplus", Config.empty());
        activation(m, "softplus", Config.of("beta", 2.0, "threshold", 5.0));
        activation(m, "softplus", Config.of("beta", 1.0, "threshold", 3.0));
        m.replaceAll((name, model) -> () -> randomised(model.get()));
        return m;
    }

    static Sequential mlp() {
        return Sequential.builder(Shape.of(784)).seed(42)
                .add("dense", Config.of("units", 256)).add("relu", Config.empty())
                .add("dense", Config.of("units", 128)).add("relu", Config.empty())
                .add("dense", Config.of("units", 10)).build();
    }

    static Sequential lenet() {
        return Sequential.builder(Shape.of(1, 28, 28)).seed(42)
                .add("conv2d", Config.of("filters", 6, "kernel", 5)).add("relu", Config.empty())
                .add("max_pool2d", Config.of("kernel", 2))
                .add("conv2d", Config.of("filters", 16, "kernel", 5)).add("relu", Config.empty())
                .add("max_pool2d", Config.of("kernel", 2))
                .add("flatten", Config.empty())
                .add("dense", Config.of("units", 120)).add("relu", Config.empty())
                .add("dense", Config.of("units", 84)).add("relu", Config.empty())
                .add("dense", Config.of("units", 10)).build();
    }

    static Sequential cnn() {
        return Sequential.builder(Shape.of(1, 28, 28)).seed(42)
                .add("conv2d", Config.of("filters", 32, "kernel", 5, "padding", "same")).add("relu", Config.empty())
                .add("max_pool2d", Config.of("kernel", 2))
                .add("conv2d", Config.of("filters", 64, "kernel", 5, "padding", "same")).add("relu", Config.empty())
                .add("max_pool2d", Config.of("kernel", 2))
                .add("flatten", Config.empty())
                .add("dense", Config.of("units", 1024)).add("relu", Config.empty())
                .add("dropout", Config.of("p", 0.4))
                .add("dense", Config.of("units", 10)).build();
    }

    /** A dense layer, the activation, and another dense layer, whose inputs span [-6, 6] (see {@link #input}). */
    private static void activation(Map<String, Supplier<Sequential>> m, String name, Config config) {
        m.put("activation " + name + (config.keys().isEmpty() ? "" : "(" + config.toText() + ")"),
                () -> Sequential.builder(Shape.of(8)).seed(5).add("identity", Config.empty()).add(name, config)
                        .add("dense", Config.of("units", 6)).add(name, config).build());
    }

    private static SequentialBuilder image(int channels, int height, int width) {
        return Sequential.builder(Shape.of(channels, height, width)).seed(7);
    }

    /** Random biases, batch-norm scales and running statistics (seeded), in place. */
    static Sequential randomised(Sequential model) {
        SplittableRandom random = new SplittableRandom(11);
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                boolean batchNorm = layer.type().equals("batch_norm2d");
                if (p.name().equals("bias") || batchNorm) {
                    fill(p.value(), random, batchNorm && p.name().equals("weight") ? 0.5 : -0.2, 0.4 + (batchNorm ? 1 : 0));
                }
            }
            Tensor mean = layer.buffers().get("running_mean");
            if (mean != null) {
                fill(mean, random, -0.5, 1);
                fill(layer.buffers().get("running_var"), random, 0.3, 2);
            }
        }
        return model;
    }

    /**
     * A batch of {@code n} samples for {@code model}, uniform in [0, 1] as images are, or in [-6, 6] when
     * {@code wide}, to reach the tails and thresholds of the activations.
     */
    static Tensor input(Sequential model, int n, long seed, boolean wide) {
        Tensor batch = Tensor.zeros(model.inputShape().withBatch(n));
        fill(batch, new SplittableRandom(seed), wide ? -6 : 0, wide ? 12 : 1);
        return batch;
    }

    private static void fill(Tensor t, SplittableRandom random, double from, double width) {
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, (float) (from + width * random.nextDouble()));
        }
    }
}
