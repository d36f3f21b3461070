package org.nnj.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.NnException;
import org.nnj.api.ProviderException;
import org.nnj.api.ShapeException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.spi.Provider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.TrainingProgress;

/**
 * Turns a validated safetensors file back into a {@link Checkpoint}, checking everything before anything
 * is built or copied: the format version, the plugins (with a hint naming the missing jar), their
 * versions (configs of older versions are upgraded by their providers), the architecture, every tensor
 * against the parameter it fills, the optimizer state and the training progress. Every message starts with the file's name.
 */
final class ModelFileReader {
    private static final System.Logger LOG = System.getLogger("org.nnj.io");
    private final Path file;
    private final Safetensors.Contents contents;
    private final Map<String, String> metadata;
    private final int formatVersion;

    private ModelFileReader(Path file, Safetensors.Contents contents) {
        this.file = file;
        this.contents = contents;
        this.metadata = contents.metadata();
        this.formatVersion = checkedFormatVersion();
    }

    static ModelFileReader open(Path file) throws IOException {
        return new ModelFileReader(file, Safetensors.read(file));
    }

    Checkpoint read(Registries registries) {
        Architecture saved = architecture();
        JsonNode lossNode = optionalJson(ModelFile.LOSS_KEY);
        JsonNode optimizerNode = optionalJson(ModelFile.OPTIMIZER_KEY);
        String lossType = lossNode == null ? null : Json.text(lossNode, "type", where(ModelFile.LOSS_KEY));
        String optimizerType = optimizerNode == null ? null
                : Json.text(optimizerNode, "type", where(ModelFile.OPTIMIZER_KEY));
        requirePlugins(registries, saved, lossType, optimizerType);
        checkVersions(registries, saved, lossNode, optimizerNode);
        Architecture architecture = upgraded(registries, saved);

        Sequential model = build(architecture, registries);
        Map<String, Tensor> weights = matchWeights(model, optimizerNode != null);
        Optimizer optimizer = optimizerNode == null ? null : optimizer(registries, optimizerNode, model);
        Loss loss = lossNode == null ? null : named(() -> registries.loss(lossType, upgrade("the loss",
                registries.losses().get(lossType), Json.version(lossNode, where(ModelFile.LOSS_KEY)),
                config(lossNode, ModelFile.LOSS_KEY))), "building the loss");
        JsonNode progressNode = optionalJson(ModelFile.TRAINING_KEY);
        TrainingProgress progress = progressNode == null ? null
                : ProgressJson.fromJson(progressNode, where(ModelFile.TRAINING_KEY));
        List<String> classNames = classNames(model);

        copy(model, weights);
        Checkpoint checkpoint = Checkpoint.of(model).withClassNames(classNames).withMetadata(userMetadata());
        if (loss != null) {
            checkpoint = checkpoint.withLoss(loss);
        }
        if (optimizer != null) {
            checkpoint = checkpoint.withOptimizer(optimizer);
        }
        if (progress != null) {
            checkpoint = checkpoint.withProgress(progress);
        }
        return checkpoint;
    }

    /**
     * The model of {@code architecture}, built one layer at a time with {@link ArchitectureCheck}'s checks
     * around each, so that a config that disagrees with the file's tensors or implies implausible sizes
     * fails before the layer (or the next one) allocates anything of that size.
     */
    private Sequential build(Architecture architecture, Registries registries) {
        ArchitectureCheck check = new ArchitectureCheck(file, architecture.inputShape(), contents);
        SequentialBuilder builder = Sequential.builder(architecture.inputShape()).registries(registries);
        for (int i = 0; i < architecture.layers().size(); i++) {
            LayerSpec spec = architecture.layers().get(i);
            LayerProvider provider = registries.layers().find(spec.type()).orElse(null);
            Shape input = builder.currentShape();
            check.beforeBuild(i, spec, provider, input);
            named(() -> builder.add(spec.type(), spec.config()), "rebuilding the architecture");
            Sequential sofar = builder.build();
            check.afterBuild(i, sofar.layers().get(i), provider, input);
        }
        return builder.build();
    }

    /**
     * Copies the file's weights into {@code model}, which must have the file's architecture: the same input
     * shape, layer types and configs (compared as they would be stored). A layer config that differs is
     * upgraded first when {@code registries} (asked only then) have a newer provider of its type.
     */
    void loadInto(Sequential model, Supplier<Registries> registries) {
        Architecture architecture = architecture();
        List<Layer> layers = model.layers();
        if (!architecture.inputShape().equals(model.inputShape()) || architecture.layers().size() != layers.size()) {
            throw new DataFormatException(file + ": holds a model " + describe(architecture) + ", not the "
                    + describe(model));
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = architecture.layers().get(i);
            Layer layer = layers.get(i);
            String name = "layer " + i + " (" + layer.type() + ")";
            if (!spec.type().equals(layer.type())) {
                throw new DataFormatException(file + ": holds a model " + describe(architecture) + ", not the "
                        + describe(model));
            }
            Config stored = normalised(spec.config(), name);
            Config live = normalised(layer.config(), name);
            if (!stored.equals(live)) {
                stored = normalised(upgraded(registries.get(), i, spec, activationVersions()).config(), name);
            }
            if (!stored.equals(live)) {
                throw new DataFormatException(file + ": " + name + " has the config " + stored
                        + " in the file but " + live + " in the model it is loaded into");
            }
        }
        copy(model, matchWeights(model, true));
    }

    /** A config as it reads back from a file, so that an Integer and a Long of one value compare equal. */
    private static Config normalised(Config config, String owner) {
        return Json.toConfig(Json.fromConfig(config, owner), owner);
    }

    // ------------------------------------------------------------------ metadata

    private int checkedFormatVersion() {
        String text = metadata.get(ModelFile.FORMAT_VERSION_KEY);
        if (text == null) {
            throw new DataFormatException(file + ": not an NNJ model file: its " + Safetensors.METADATA + " has no '"
                    + ModelFile.FORMAT_VERSION_KEY + "' (it has " + new TreeSet<>(metadata.keySet()) + "; tensors "
                    + abbreviate(contents.tensors().keySet()) + "). Safetensors.read reads its tensors.");
        }
        int version;
        try {
            version = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(where(ModelFile.FORMAT_VERSION_KEY) + ": expected a whole number, got \""
                    + text + "\"", e);
        }
        if (version > ModelFile.FORMAT_VERSION) {
            throw new DataFormatException(file + ": written in NNJ model file format version " + version
                    + ", but this NNJ reads versions 1 to " + ModelFile.FORMAT_VERSION
                    + ": load it with a newer NNJ");
        }
        if (version < 1) {
            throw new DataFormatException(where(ModelFile.FORMAT_VERSION_KEY) + ": version " + version
                    + " does not exist; versions start at 1");
        }
        return version;
    }

    private Architecture architecture() {
        String json = metadata.get(ModelFile.ARCHITECTURE_KEY);
        if (json == null) {
            throw new DataFormatException(file + ": the " + Safetensors.METADATA + " has no '"
                    + ModelFile.ARCHITECTURE_KEY + "', so the model cannot be rebuilt");
        }
        try {
            return Architecture.fromJson(json, where(ModelFile.ARCHITECTURE_KEY));
        } catch (ShapeException e) {
            throw new DataFormatException(where(ModelFile.ARCHITECTURE_KEY) + ": " + e.getMessage(), e);
        }
    }

    private JsonNode optionalJson(String key) {
        String json = metadata.get(key);
        return json == null ? null : Json.parse(json, where(key));
    }

    private String where(String key) {
        return file + ", " + Safetensors.METADATA + " '" + key + "'";
    }

    private Config config(JsonNode spec, String key) {
        return Json.toConfig(Json.field(spec, "config", where(key)), where(key) + " config");
    }

    private Map<String, String> userMetadata() {
        Map<String, String> user = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!k.startsWith(ModelFile.RESERVED_PREFIX)) {
                user.put(k, v);
            }
        });
        return user;
    }

    // ------------------------------------------------------------------ plugins

    private List<PluginInfo> recordedPlugins() {
        String json = metadata.get(ModelFile.PLUGINS_KEY);
        return json == null ? List.of()
                : PluginInfo.listFromJson(Json.parse(json, where(ModelFile.PLUGINS_KEY)), where(ModelFile.PLUGINS_KEY));
    }

    /** Every plugin the file needs must be registered; all the missing ones are named in one message. */
    private void requirePlugins(Registries registries, Architecture architecture, String loss, String optimizer) {
        List<String> missing = new ArrayList<>();
        List<PluginInfo> recorded = recordedPlugins();
        for (LayerSpec spec : architecture.layers()) {
            check(missing, recorded, "layer", registries.layers(), spec.type());
            String function = ModelFileWriter.activationFunction(spec);
            if (function != null) {
                check(missing, recorded, "activation", registries.activations(), function);
            }
        }
        if (loss != null) {
            check(missing, recorded, "loss", registries.losses(), loss);
        }
        if (optimizer != null) {
            check(missing, recorded, "optimizer", registries.optimizers(), optimizer);
        }
        if (missing.size() == 1) {
            throw new ProviderException(file + ": " + missing.get(0));
        }
        if (!missing.isEmpty()) {
            throw new ProviderException(file + ": the model needs " + missing.size() + " plugins that are not"
                    + " registered:\n  - " + String.join("\n  - ", missing));
        }
    }

    private static void check(List<String> missing, List<PluginInfo> recorded, String kind,
                              ProviderRegistry<?> registry, String name) {
        if (registry.find(name).isPresent()) {
            return;
        }
        String unknown;
        try {
            registry.get(name);
            unknown = "unknown " + kind + " '" + name + "'";
        } catch (ProviderException e) {
            unknown = e.getMessage(); // lists the known names, and a close match
        }
        String line = unknown + " " + ProviderHints.hint(kind, name, find(recorded, kind, name));
        if (!missing.contains(line)) {
            missing.add(line);
        }
    }

    private static PluginInfo find(List<PluginInfo> plugins, String kind, String name) {
        for (PluginInfo p : plugins) {
            if (p.kind().equals(kind) && p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** A provider older than the one that wrote the file may not understand its config. */
    private void checkVersions(Registries registries, Architecture architecture, JsonNode loss, JsonNode optimizer) {
        for (int i = 0; i < architecture.layers().size(); i++) {
            LayerSpec spec = architecture.layers().get(i);
            checkVersion("layer " + i + " (" + spec.type() + ")", registries.layers().get(spec.type()), spec.version());
        }
        for (PluginInfo p : recordedPlugins()) {
            if (p.kind().equals("activation")) {
                registries.activations().find(p.name()).ifPresent(a -> checkVersion("activation '" + p.name() + "'",
                        a, p.version()));
            }
        }
        if (loss != null) {
            checkVersion("the loss", registries.losses().get(loss.get("type").textValue()),
                    Json.version(loss, where(ModelFile.LOSS_KEY)));
        }
        if (optimizer != null) {
            checkVersion("the optimizer", registries.optimizers().get(optimizer.get("type").textValue()),
                    Json.version(optimizer, where(ModelFile.OPTIMIZER_KEY)));
        }
    }

    private void checkVersion(String what, Provider provider, int saved) {
        if (saved > provider.version()) {
            throw new ProviderException(file + ": " + what + " was saved by version " + saved + " of the '"
                    + provider.name() + "' provider, but the one registered here ("
                    + PluginInfo.of("", provider).describeProvider() + ") is version " + provider.version()
                    + " and may not understand its config: upgrade the jar that provides it");
        }
    }

    /**
     * The architecture with every config in the form its provider reads now: each layer's config through
     * its provider's {@link Provider#upgrade}, and the keys an {@code "activation"} layer passes on to its
     * activation (all but {@code function}) through the activation provider's, with the activation's
     * version recorded in {@value ModelFile#PLUGINS_KEY} (1 when none is). Versions were checked before.
     */
    private Architecture upgraded(Registries registries, Architecture saved) {
        Map<String, Integer> activationVersions = activationVersions();
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < saved.layers().size(); i++) {
            layers.add(upgraded(registries, i, saved.layers().get(i), activationVersions));
        }
        return new Architecture(saved.inputShape(), layers);
    }

    /** The activations' versions recorded in {@value ModelFile#PLUGINS_KEY}, by name. */
    private Map<String, Integer> activationVersions() {
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (PluginInfo p : recordedPlugins()) {
            if (p.kind().equals("activation")) {
                versions.put(p.name(), p.version());
            }
        }
        return versions;
    }

    /**
     * Layer {@code i} upgraded as {@link #upgraded(Registries, Architecture)} says; as it is when its
     * provider is not registered.
     */
    private LayerSpec upgraded(Registries registries, int i, LayerSpec spec, Map<String, Integer> activationVersions) {
        Provider provider = registries.layers().find(spec.type()).orElse(null);
        if (provider == null) {
            return spec;
        }
        String what = "layer " + i + " (" + spec.type() + ")";
        Config config = upgrade(what, provider, spec.version(), spec.config());
        String function = ModelFileWriter.activationFunction(new LayerSpec(spec.type(), 1, config));
        Provider activation = function == null ? null : registries.activations().find(function).orElse(null);
        if (activation != null) {
            Map<String, Object> rest = new LinkedHashMap<>(config.asMap());
            rest.remove(ModelFileWriter.FUNCTION);
            config = Config.of(ModelFileWriter.FUNCTION, function).withAll(upgrade(what + ", activation '"
                    + function + "'", activation, activationVersions.getOrDefault(function, 1), Config.fromMap(rest)));
        }
        return new LayerSpec(spec.type(), provider.version(), config);
    }

    /**
     * {@code config} through {@code provider}'s {@link Provider#upgrade} when it was saved by an older
     * version; whatever the provider throws comes out naming the file, {@code what} and the provider.
     */
    private Config upgrade(String what, Provider provider, int savedVersion, Config config) {
        if (savedVersion >= provider.version()) {
            return config;
        }
        Config upgraded;
        try {
            upgraded = provider.upgrade(savedVersion, config);
        } catch (RuntimeException e) {
            throw new ProviderException(upgradeFailure(what, provider, savedVersion, "the config " + config)
                    + ": " + e.getMessage(), e);
        }
        if (upgraded == null) {
            throw new ProviderException(upgradeFailure(what, provider, savedVersion, "the config " + config)
                    + ": upgrade returned null");
        }
        return upgraded;
    }

    private String upgradeFailure(String what, Provider provider, int savedVersion, String thing) {
        return file + ": " + what + ": the '" + provider.name() + "' provider "
                + PluginInfo.of("", provider).describeProvider() + " failed to upgrade " + thing
                + " from version " + savedVersion + " to " + provider.version();
    }

    // ------------------------------------------------------------------ tensors

    /**
     * The file's tensor for every parameter and buffer of {@code model}, checked by name and shape; tensors
     * that fill neither are errors (optimizer state aside, when {@code optimizerStateAllowed}).
     */
    private Map<String, Tensor> matchWeights(Sequential model, boolean optimizerStateAllowed) {
        Map<String, Tensor> tensors = contents.tensors();
        Map<String, Tensor> targets = targets(model);
        Map<String, Tensor> matched = new LinkedHashMap<>();
        List<String> missingBuffers = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue().shape();
            boolean buffer = model.namedBuffers().containsKey(name);
            Tensor t = tensors.get(name);
            if (t == null && buffer && formatVersion < ModelFile.FIRST_VERSION_WITH_BUFFERS) {
                missingBuffers.add(name);
                continue;
            }
            if (t == null) {
                throw new DataFormatException(file + ": " + layerOf(model, name) + " has the "
                        + (buffer ? "buffer" : "parameter") + " '" + name + "' of shape " + shape
                        + ", but the file holds no tensor of that name; it holds " + abbreviate(tensors.keySet()));
            }
            if (!t.shape().equals(shape)) {
                throw new DataFormatException(file + ", " + contents.describe(name) + ": shape " + t.shape()
                        + " does not match the shape " + shape + " that " + layerOf(model, name)
                        + " of the architecture gives it");
            }
            matched.put(name, t);
        }
        for (String name : tensors.keySet()) {
            if (targets.containsKey(name)) {
                continue;
            }
            if (name.startsWith(ModelFile.OPTIMIZER_PREFIX)) {
                if (!optimizerStateAllowed) {
                    throw new DataFormatException(file + ", " + contents.describe(name) + ": optimizer state, but the"
                            + " " + Safetensors.METADATA + " has no '" + ModelFile.OPTIMIZER_KEY + "' to say whose");
                }
                continue;
            }
            throw new DataFormatException(file + ", " + contents.describe(name) + ": not a parameter or buffer of"
                    + " the architecture, whose parameters and buffers are " + abbreviate(targets.keySet()));
        }
        if (!missingBuffers.isEmpty()) {
            LOG.log(Level.WARNING, file + " was written in model file format version " + formatVersion
                    + ", which did not save buffers: " + missingBuffers + " keep their initial values, so layers"
                    + " that use them (batch normalisation in inference) do not compute what the saved model did");
        }
        return matched;
    }

    /** The tensors a file fills, by name: every parameter's value, then every buffer. */
    private static Map<String, Tensor> targets(Sequential model) {
        Map<String, Tensor> targets = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> targets.put(name, p.value()));
        targets.putAll(model.namedBuffers());
        return targets;
    }

    private static void copy(Sequential model, Map<String, Tensor> weights) {
        Map<String, Tensor> targets = targets(model);
        weights.forEach((name, t) -> targets.get(name).copyFrom(t));
    }

    private static String layerOf(Sequential model, String parameter) {
        int dot = parameter.indexOf('.');
        try {
            int index = Integer.parseInt(parameter.substring(0, dot));
            return "layer " + index + " (" + model.layers().get(index).type() + ")";
        } catch (RuntimeException e) {
            return "the model";
        }
    }

    private Optimizer optimizer(Registries registries, JsonNode node, Sequential model) {
        String where = where(ModelFile.OPTIMIZER_KEY);
        String type = Json.text(node, "type", where);
        OptimizerProvider provider = registries.optimizers().get(type);
        int savedVersion = Json.version(node, where);
        Config config = upgrade("the optimizer", provider, savedVersion, config(node, ModelFile.OPTIMIZER_KEY));
        Optimizer optimizer = named(() -> registries.optimizer(type, config), "building the optimizer");
        Map<String, Double> scalars = new LinkedHashMap<>();
        JsonNode scalarNode = node.get("scalars");
        if (scalarNode != null && !scalarNode.isNull()) {
            if (!scalarNode.isObject()) {
                throw new DataFormatException(where + ": 'scalars' must be an object of numbers, got "
                        + Json.describe(scalarNode));
            }
            for (Map.Entry<String, JsonNode> f : scalarNode.properties()) {
                if (!f.getValue().isNumber()) {
                    throw new DataFormatException(where + ": scalar '" + f.getKey() + "' must be a number, got "
                            + Json.describe(f.getValue()));
                }
                checkStateKey(model, f.getKey(), "scalar '" + f.getKey() + "'", where);
                scalars.put(f.getKey(), f.getValue().doubleValue());
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> {
            if (name.startsWith(ModelFile.OPTIMIZER_PREFIX)) {
                String key = name.substring(ModelFile.OPTIMIZER_PREFIX.length());
                checkStateKey(model, key, contents.describe(name), file.toString());
                tensors.put(key, t);
            }
        });
        OptimizerState state = upgradeState(provider, savedVersion, new OptimizerState(tensors, scalars));
        named(() -> {
            optimizer.loadState(state);
            return null;
        }, "loading the optimizer state");
        return optimizer;
    }

    /** Like {@link #upgrade}, for the optimizer's state. */
    private OptimizerState upgradeState(OptimizerProvider provider, int savedVersion, OptimizerState state) {
        if (savedVersion >= provider.version()) {
            return state;
        }
        OptimizerState upgraded;
        try {
            upgraded = provider.upgradeState(savedVersion, state);
        } catch (RuntimeException e) {
            throw new ProviderException(upgradeFailure("the optimizer", provider, savedVersion, "its state")
                    + ": " + e.getMessage(), e);
        }
        if (upgraded == null) {
            throw new ProviderException(upgradeFailure("the optimizer", provider, savedVersion, "its state")
                    + ": upgradeState returned null");
        }
        return upgraded;
    }

    /** State is kept as {@code "<parameter>/<slot>"}: the parameter must be one of the model's. */
    private static void checkStateKey(Sequential model, String key, String what, String where) {
        int slash = key.lastIndexOf('/');
        String parameter = slash < 0 ? key : key.substring(0, slash);
        if (!model.namedParameters().containsKey(parameter)) {
            throw new DataFormatException(where + ": optimizer " + what + " belongs to parameter '" + parameter
                    + "', which the model does not have; its parameters are "
                    + abbreviate(model.namedParameters().keySet()));
        }
    }

    private List<String> classNames(Sequential model) {
        JsonNode node = optionalJson(ModelFile.CLASS_NAMES_KEY);
        if (node == null) {
            return List.of();
        }
        String where = where(ModelFile.CLASS_NAMES_KEY);
        if (!node.isArray()) {
            throw new DataFormatException(where + ": expected an array of strings, got " + Json.describe(node));
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new DataFormatException(where + ": expected an array of strings, got " + Json.describe(n));
            }
            names.add(n.textValue());
        }
        if (names.size() != model.outputShape().size()) {
            throw new DataFormatException(where + ": names " + names.size() + " classes but the model has "
                    + model.outputShape().size() + " outputs");
        }
        return names;
    }

    // ------------------------------------------------------------------ helpers

    /** Runs {@code action}, putting the file's name (and what was being done) in front of any framework error. */
    private <T> T named(java.util.function.Supplier<T> action, String doing) {
        try {
            return action.get();
        } catch (NnException e) {
            String message = file + ", " + doing + ": " + e.getMessage();
            if (e instanceof ProviderException) {
                throw new ProviderException(message, e);
            }
            if (e instanceof ConfigException) {
                throw new ConfigException(message, e);
            }
            // Shape errors and the rest: the file does not describe a model that can exist.
            throw new DataFormatException(message, e);
        }
    }

    private static String describe(Architecture a) {
        List<String> types = new ArrayList<>();
        a.layers().forEach(l -> types.add(l.type()));
        return a.inputShape() + " " + types;
    }

    private static String describe(Sequential m) {
        List<String> types = new ArrayList<>();
        m.layers().forEach(l -> types.add(l.type()));
        return m.inputShape() + " " + types + " it is loaded into";
    }

    private static String abbreviate(java.util.Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        return list.size() <= 12 ? list.toString()
                : list.subList(0, 12) + " and " + (list.size() - 12) + " more";
    }
}
