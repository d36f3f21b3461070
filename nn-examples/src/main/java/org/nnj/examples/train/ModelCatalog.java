package org.nnj.examples.train;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.Registries;

/**
 * The models that {@code ./nn train --model NAME} knows, defined as in the PyTorch reference scripts so
 * that speed and accuracy can be compared side by side.
 */
public final class ModelCatalog {

    /** The activation of the hidden layers unless the user picks another. */
    public static final String DEFAULT_ACTIVATION = "relu";

    /**
     * A named architecture for 28x28 grey images and 10 classes; {@code layers} adds them to a builder, with
     * the given activation after each hidden layer (any activation provider's name, a plugin's too), and
     * {@code recipe} is how {@code ./nn train} trains it by default.
     */
    public record Entry(String name, String description, Shape inputShape,
                        BiFunction<SequentialBuilder, String, SequentialBuilder> layers, Recipe recipe) {
    }

    private static final Map<String, Entry> MODELS = new TreeMap<>();

    static {
        add(new Entry("mlp", "784-256-128-10 multi-layer perceptron, ReLU", Shape.of(784),
                (b, act) -> b.add("dense", Config.of("units", 256)).add(act, Config.empty())
                        .add("dense", Config.of("units", 128)).add(act, Config.empty())
                        .add("dense", Config.of("units", 10)),
                Recipe.BASELINE));
        add(new Entry("lenet", "LeNet-5: conv 5x5 6, ReLU, max pool 2, conv 5x5 16, ReLU, max pool 2,"
                + " dense 120, 84, 10 (ReLU)", Shape.of(1, 28, 28),
                (b, act) -> b.add("conv2d", Config.of("filters", 6, "kernel", 5)).add(act, Config.empty())
                        .add("max_pool2d", Config.of("kernel", 2))
                        .add("conv2d", Config.of("filters", 16, "kernel", 5)).add(act, Config.empty())
                        .add("max_pool2d", Config.of("kernel", 2))
                        .add("flatten", Config.empty())
                        .add("dense", Config.of("units", 120)).add(act, Config.empty())
                        .add("dense", Config.of("units", 84)).add(act, Config.empty())
                        .add("dense", Config.of("units", 10)),
                Recipe.BASELINE));
        add(new Entry("cnn", "conv 5x5 32 same, ReLU, max pool 2, conv 5x5 64 same, ReLU, max pool 2,"
                + " dense 1024, ReLU, dropout 0.4, dense 10", Shape.of(1, 28, 28),
                (b, act) -> b.add("conv2d", Config.of("filters", 32, "kernel", 5, "padding", "same"))
                        .add(act, Config.empty())
                        .add("max_pool2d", Config.of("kernel", 2))
                        .add("conv2d", Config.of("filters", 64, "kernel", 5, "padding", "same"))
                        .add(act, Config.empty())
                        .add("max_pool2d", Config.of("kernel", 2))
                        .add("flatten", Config.empty())
                        .add("dense", Config.of("units", 1024)).add(act, Config.empty())
                        .add("dropout", Config.of("p", 0.4))
                        .add("dense", Config.of("units", 10)),
                Recipe.BASELINE));
        AccuracyRecipes.all().forEach(ModelCatalog::add);
    }

    private static void add(Entry e) {
        MODELS.put(e.name(), e);
    }

    private ModelCatalog() {
    }

    /** The entry named {@code name}; an unknown name lists the known ones. */
    public static Entry get(String name) {
        Entry e = MODELS.get(name);
        if (e == null) {
            throw new ConfigException("unknown model '" + name + "'; known models are " + MODELS.keySet());
        }
        return e;
    }

    /** Whether {@code name} is a model of the catalog. */
    public static boolean contains(String name) {
        return MODELS.containsKey(name);
    }

    /** The names, for help texts and completion. */
    public static Iterable<String> names() {
        return MODELS.keySet();
    }

    /** Builds the model {@code name} with ReLU, initialised from {@code seed}. */
    public static Sequential build(String name, Registries registries, long seed) {
        return build(name, DEFAULT_ACTIVATION, registries, seed);
    }

    /** Builds the model {@code name} with {@code activation} after its hidden layers, initialised from {@code seed}. */
    public static Sequential build(String name, String activation, Registries registries, long seed) {
        Entry e = get(name);
        return e.layers().apply(Sequential.builder(e.inputShape()).registries(registries).seed(seed), activation)
                .build();
    }
}
