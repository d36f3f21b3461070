package org.nnj.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnj.api.ConfigException;
import org.nnj.api.ProviderException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.spi.Provider;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;

/**
 * Turns a {@link Checkpoint} into the tensors and metadata of a safetensors file. Everything that could
 * make the file unreadable (a plugin that is not registered, a config value JSON cannot hold, class names
 * that do not match the outputs) fails here, before the file is touched.
 */
final class ModelFileWriter {
    /** The key of an {@code "activation"} layer's config that names its activation; the rest is the activation's. */
    static final String FUNCTION = "function";

    private ModelFileWriter() {
    }

    static void write(Path file, Checkpoint checkpoint, Registries registries) throws IOException {
        Sequential model = checkpoint.model();
        Architecture architecture = Architecture.of(model, registries);
        List<PluginInfo> plugins = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ModelFile.FORMAT_VERSION_KEY, Integer.toString(ModelFile.FORMAT_VERSION));
        metadata.put(ModelFile.ARCHITECTURE_KEY, architecture.toJson());
        for (int i = 0; i < architecture.layers().size(); i++) {
            LayerSpec spec = architecture.layers().get(i);
            add(plugins, "layer", registries.layers(), spec.type(), "layer " + i);
            String function = activationFunction(spec);
            if (function != null) {
                add(plugins, "activation", registries.activations(), function, "layer " + i + " (activation)");
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> p : model.namedParameters().entrySet()) {
            tensors.put(p.getKey(), p.getValue().value());
        }
        tensors.putAll(model.namedBuffers());
        if (checkpoint.loss().isPresent()) {
            Loss loss = checkpoint.loss().get();
            Provider provider = add(plugins, "loss", registries.losses(), loss.type(), "the loss");
            metadata.put(ModelFile.LOSS_KEY, Json.write(spec(loss.type(), provider, loss.config(), "the loss")));
        }
        if (checkpoint.optimizer().isPresent()) {
            Optimizer optimizer = checkpoint.optimizer().get();
            Provider provider = add(plugins, "optimizer", registries.optimizers(), optimizer.type(), "the optimizer");
            OptimizerState state = optimizer.saveState();
            ObjectNode node = spec(optimizer.type(), provider, optimizer.config(), "the optimizer");
            ObjectNode scalars = node.putObject("scalars");
            state.scalars().forEach((k, v) -> {
                if (!Double.isFinite(v)) {
                    throw new ConfigException("the optimizer's state scalar '" + k + "' is " + v
                            + ", which a model file (JSON) cannot hold");
                }
                scalars.put(k, v);
            });
            metadata.put(ModelFile.OPTIMIZER_KEY, Json.write(node));
            state.tensors().forEach((k, v) -> tensors.put(ModelFile.OPTIMIZER_PREFIX + k, v));
        }
        checkpoint.progress().ifPresent(p -> metadata.put(ModelFile.TRAINING_KEY, Json.write(ProgressJson.toJson(p))));
        if (!checkpoint.classNames().isEmpty()) {
            int outputs = model.outputShape().size();
            if (checkpoint.classNames().size() != outputs) {
                throw new ConfigException("the checkpoint names " + checkpoint.classNames().size()
                        + " classes but the model has " + outputs + " outputs " + model.outputShape());
            }
            ArrayNode names = Json.array();
            checkpoint.classNames().forEach(names::add);
            metadata.put(ModelFile.CLASS_NAMES_KEY, Json.write(names));
        }
        metadata.put(ModelFile.PLUGINS_KEY, Json.write(PluginInfo.toJson(plugins)));
        metadata.putAll(checkpoint.metadata());
        Safetensors.write(file, tensors, metadata);
    }

    /** The activation an activation layer applies, or null for other layers. */
    static String activationFunction(LayerSpec spec) {
        Object function = spec.config().asMap().get(FUNCTION);
        return spec.type().equals("activation") && function instanceof String ? (String) function : null;
    }

    private static ObjectNode spec(String type, Provider provider, Config config, String owner) {
        ObjectNode node = Json.object().put("type", type).put("version", provider.version());
        node.set("config", Json.fromConfig(config, owner));
        return node;
    }

    /** Records the provider of {@code name}, which must be registered or the file could not be loaded. */
    private static <P extends Provider> P add(List<PluginInfo> plugins, String kind, ProviderRegistry<P> registry,
                                              String name, String owner) {
        P provider = registry.find(name).orElseThrow(() -> new ProviderException("cannot save " + owner + ": no "
                + kind + " provider named '" + name + "' is registered, so the file could not be loaded again;"
                + " known " + kind + " names: " + registry.names()));
        PluginInfo info = PluginInfo.of(kind, provider);
        if (!plugins.contains(info)) {
            plugins.add(info);
        }
        return provider;
    }
}
