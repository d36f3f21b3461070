package org.nnj.examples.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.EvaluationResult;
import org.nnj.core.train.ProgressBar;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.examples.BackendOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a model on Fashion-MNIST and reports its test accuracy. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a model on Fashion-MNIST and report its test accuracy.",
            "",
            "Softmax cross-entropy, mini-batches shuffled each epoch, a share of the",
            "training images held out for validation. Without --data it uses the",
            "subset shipped with NNJ: 10,000 training and 2,000 test images."
        })
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "NAME", description = "The architecture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = ModelNames.class)
    String model = "mlp";

    @Option(names = "--data", paramLabel = "DIR",
            description = "A directory with the four Fashion-MNIST IDX files (plain or .gz); default: the shipped subset.")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 1e-3;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer provider name, e.g. adam, sgd (default: ${DEFAULT-VALUE}).")
    String optimizer = "adam";

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Share of the training images held out to validate after each epoch, 0 for none (default: ${DEFAULT-VALUE}).")
    double validationFraction = 0.1;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the run's settings and results as JSON to FILE.")
    Path report;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Registries registries = Registries.fromServiceLoader();
        ComputeBackend backend = backendOptions.create(registries);
        Sequential net = ModelCatalog.build(model, registries, seed);
        Loss loss = registries.loss("softmax_cross_entropy", Config.empty());
        Optimizer opt = registries.optimizer(optimizer, Config.of("lr", learningRate));

        FashionMnistSource source = new FashionMnistSource(data);
        boolean flat = net.inputShape().rank() == 1;
        InMemoryDataset train = source.load("train", flat);
        InMemoryDataset test = source.load("t10k", flat);
        InMemoryDataset validation = null;
        if (validationFraction > 0) {
            InMemoryDataset.Split split = train.split(validationFraction, seed);
            train = split.train();
            validation = split.validation();
        }

        out.printf("model %s: %s%n%s%n", model, ModelCatalog.get(model).description(), net.summary());
        out.printf("data: %s (%,d training, %,d validation, %,d test images)%n", source.describe(), train.size(),
                validation == null ? 0 : validation.size(), test.size());
        out.printf("backend: %s; optimizer %s, lr %s; batch %d; %d epochs; seed %d%n%n", backend.description(),
                optimizer, learningRate, batchSize, epochs, seed);
        out.flush();

        Trainer.Builder builder = Trainer.builder()
                .model(net)
                .loss(loss)
                .optimizer(opt)
                .backend(backend)
                .batchSize(batchSize)
                .epochs(epochs)
                .seed(seed)
                .listener(new ProgressBar(new PrintStream(System.out, true)));
        if (validation != null) {
            builder.validation(validation);
        }
        Trainer trainer = builder.build();
        long start = System.nanoTime();
        TrainingHistory history = trainer.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        EvaluationResult result = trainer.evaluate(test);

        double imagesPerSecond = (double) train.size() * history.epochs().size() / seconds;
        out.printf("%ntrained %d epochs in %.1f s (%,.0f images/s, including validation)%n",
                history.epochs().size(), seconds, imagesPerSecond);
        out.printf("test loss %.4f, test accuracy %.4f (%,d images)%n", result.loss(), result.accuracy(), result.samples());
        out.flush();

        if (report != null) {
            EpochMetrics last = history.last();
            new TrainingReport(model, net.parameterCount(), source.describe(), backend.name(), backend.threads(),
                    optimizer, learningRate, batchSize, seed, history.epochs().size(), train.size(),
                    validation == null ? 0 : validation.size(), test.size(), seconds, imagesPerSecond,
                    last.trainingLoss(), TrainingReport.measured(last.validationAccuracy()), result.loss(), result.accuracy(),
                    Runtime.version().toString(), epochs(history)).write(report);
            out.println("report written to " + report);
        }
        return 0;
    }

    private static List<TrainingReport.Epoch> epochs(TrainingHistory history) {
        return history.epochs().stream()
                .map(m -> new TrainingReport.Epoch(m.epoch(), m.trainingLoss(), m.trainingAccuracy(),
                        TrainingReport.measured(m.validationLoss()), TrainingReport.measured(m.validationAccuracy()), m.seconds(), m.samplesPerSecond()))
                .toList();
    }

    /** The model names, for picocli's help text. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelCatalog.names().iterator();
        }
    }
}
