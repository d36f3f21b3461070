package org.nnj.examples.lecture;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.Registries;
import org.nnj.examples.Checks;
import picocli.CommandLine.Option;

/**
 * The options the lecture's small data-set demos share (picocli mixin): how many points are drawn, their
 * noise, the MLP and how it is trained. Each command gives its own defaults through the constructor, and
 * the help shows them.
 */
final class SmallTaskOptions {

    @Option(names = "--train", paramLabel = "N", description = "Training points (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", paramLabel = "N", description = "Test points (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--noise", paramLabel = "SIGMA",
            description = "Standard deviation of the Gaussian noise (default: ${DEFAULT-VALUE}).")
    double noise = 0.2;

    // A string, so that the help shows the default as it is typed (32,32); parsed by check().
    @Option(names = "--hidden", paramLabel = "UNITS",
            description = "Units of each hidden layer of the MLP, comma-separated (default: ${DEFAULT-VALUE}).")
    String hiddenUnits;

    private int[] hidden;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Activation of the MLP's hidden layers, any registered one (default: ${DEFAULT-VALUE}).")
    String activation = "tanh";

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of training (default: ${DEFAULT-VALUE}).")
    int epochs = 200;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.01;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of the data, the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    SmallTaskOptions(int train, int test, int... hidden) {
        this.train = train;
        this.test = test;
        this.hiddenUnits = Arrays.stream(hidden).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }

    /** The usage checks, then an unknown activation (exit code 1), before any work. */
    void check(Checks checks, Registries registries) {
        try {
            hidden = Arrays.stream(hiddenUnits.split(",", -1)).mapToInt(u -> Integer.parseInt(u.strip())).toArray();
        } catch (NumberFormatException e) {
            throw checks.fail("--hidden", "must be whole numbers separated by commas, got '" + hiddenUnits + "'");
        }
        checks.atLeast("--train", train, 2).positive("--test", test).positive("--noise", noise)
                .allPositive("--hidden", hidden).positive("--epochs", epochs).positive("--batch", batchSize)
                .positive("--lr", learningRate);
        registries.activation(activation, Config.empty());
    }

    /** The hidden layers, for example {@code 32-32}. */
    String layers() {
        return Arrays.stream(hidden).mapToObj(String::valueOf).collect(Collectors.joining("-"));
    }

    /** A builder for {@code inputs} features with the hidden layers added; the caller adds the output. */
    SequentialBuilder mlp(Registries registries, int inputs) {
        SequentialBuilder b = Sequential.builder(Shape.of(inputs)).registries(registries).seed(seed);
        for (int units : hidden) {
            b.add("dense", Config.of("units", units)).add(activation, Config.empty());
        }
        return b;
    }
}
