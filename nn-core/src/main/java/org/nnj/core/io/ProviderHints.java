package org.nnj.core.io;

import java.util.Map;

/**
 * Which NNJ module provides each built-in plugin, so that a model file needing a missing built-in says
 * which jar to add. Third-party plugins are named by the provider class and jar recorded in the file
 * ({@link PluginInfo}). Add a row here when a module gains a plugin.
 */
final class ProviderHints {
    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("layer/dense", "nn-layers"),
            Map.entry("layer/activation", "nn-layers"),
            Map.entry("layer/conv2d", "nn-layers"),
            Map.entry("layer/max_pool2d", "nn-layers"),
            Map.entry("layer/avg_pool2d", "nn-layers"),
            Map.entry("layer/flatten", "nn-layers"),
            Map.entry("layer/dropout", "nn-layers"),
            Map.entry("layer/batch_norm2d", "nn-layers"),
            Map.entry("activation/relu", "nn-layers"),
            Map.entry("activation/leaky_relu", "nn-layers"),
            Map.entry("activation/sigmoid", "nn-layers"),
            Map.entry("activation/tanh", "nn-layers"),
            Map.entry("activation/softmax", "nn-layers"),
            Map.entry("activation/identity", "nn-layers"),
            Map.entry("activation/log_softmax", "nn-layers"),
            Map.entry("activation/elu", "nn-layers"),
            Map.entry("activation/selu", "nn-layers"),
            Map.entry("activation/gelu", "nn-layers"),
            Map.entry("activation/softplus", "nn-layers"),
            Map.entry("loss/mse", "nn-layers"),
            Map.entry("loss/bce_with_logits", "nn-layers"),
            Map.entry("loss/softmax_cross_entropy", "nn-layers"),
            Map.entry("loss/nll", "nn-layers"),
            Map.entry("loss/bce", "nn-layers"),
            Map.entry("optimizer/sgd", "nn-optimizers"),
            Map.entry("optimizer/adam", "nn-optimizers"),
            Map.entry("optimizer/adamw", "nn-optimizers"),
            Map.entry("optimizer/adamax", "nn-optimizers"),
            Map.entry("optimizer/nadam", "nn-optimizers"),
            Map.entry("optimizer/adagrad", "nn-optimizers"),
            Map.entry("optimizer/adadelta", "nn-optimizers"),
            Map.entry("optimizer/rmsprop", "nn-optimizers"),
            Map.entry("backend/scalar", "nn-core"),
            Map.entry("backend/simd", "nn-simd"));

    private ProviderHints() {
    }

    /**
     * What to do about a missing plugin: add the NNJ module that provides a built-in, or the jar the file
     * was written with.
     *
     * @param recorded what the file says about the plugin, or null
     */
    static String hint(String kind, String name, PluginInfo recorded) {
        String module = BUILT_IN.get(kind + "/" + name);
        if (module != null) {
            return "'" + name + "' is a built-in " + kind + " of NNJ's " + module + " module: add the "
                    + module + " jar (org.nnj:" + module + ") to the class path or module path.";
        }
        if (recorded != null) {
            return "The file was written with " + recorded.describeProvider()
                    + ": put that jar on the class path or module path, or load it with PluginPath (./nn --plugin JAR).";
        }
        return "Is the jar that provides it on the class path?";
    }
}
