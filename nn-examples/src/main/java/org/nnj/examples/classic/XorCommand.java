package org.nnj.examples.classic;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.PluginOptions;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The problem a perceptron cannot solve, solved by one hidden layer trained with backpropagation. */
@Command(name = "xor",
        mixinStandardHelpOptions = true,
        description = {
            "A hidden layer learns XOR, which a perceptron cannot.",
            "",
            "A 2-4-1 network (tanh hidden layer, sigmoid output through binary",
            "cross-entropy on logits) trained by backpropagation with Adam."
        })
public final class XorCommand implements Callable<Integer> {

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the four points (default: ${DEFAULT-VALUE}).")
    int epochs = 500;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.05;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int hidden = 4;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    private static final float[] INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};
    private static final float[] TARGETS = {0, 1, 1, 0};

    @Override
    public Integer call() {
        Checks.of(spec).positive("--epochs", epochs).positive("--lr", learningRate).positive("--hidden", hidden);
        backendOptions.check();
        PrintWriter out = spec.commandLine().getOut();
        Registries registries = PluginOptions.registries(spec);
        ComputeBackend backend = backendOptions.create(registries);
        Sequential model = Sequential.builder(Shape.of(2))
                .registries(registries)
                .seed(seed)
                .add("dense", Config.of("units", hidden))
                .add("tanh", Config.empty())
                .add("dense", Config.of("units", 1))
                .build();
        Loss loss = registries.loss("bce_with_logits", Config.empty());
        InMemoryDataset data = InMemoryDataset.regression(INPUTS, Shape.of(2), TARGETS, Shape.of(1));
        TrainingHistory history = Trainer.builder()
                .model(model)
                .loss(loss)
                .optimizer(registries.optimizer("adam", Config.of("lr", learningRate)))
                .backend(backend)
                .batchSize(4)
                .epochs(epochs)
                .seed(seed)
                .build()
                .fit(data);

        Tensor probabilities = model.predict(Tensor.of(INPUTS, 4, 2), backend);
        loss.probabilities(backend, probabilities, probabilities);
        out.println(model.summary());
        out.printf("trained %d epoch%s, final loss %.5f%n%n", history.epochs().size(),
                history.epochs().size() == 1 ? "" : "s", history.last().trainingLoss());
        out.println("  x1  x2   target   P(1)     prediction");
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            float p = probabilities.get(i, 0);
            int predicted = p > 0.5f ? 1 : 0;
            correct += predicted == (int) TARGETS[i] ? 1 : 0;
            out.printf("  %.0f   %.0f   %.0f        %.4f   %d %s%n", INPUTS[2 * i], INPUTS[2 * i + 1], TARGETS[i], p,
                    predicted, predicted == (int) TARGETS[i] ? "" : "  <- wrong");
        }
        out.printf("%n%d of 4 points classified correctly%n", correct);
        return correct == 4 ? 0 : 1;
    }
}
