package org.nnj.examples.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.Checkpointer;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.PluginOptions;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.EvaluationResult;
import org.nnj.core.train.ProgressBar;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.core.train.TrainingProgress;
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

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Activation after each hidden layer: any activation's name, a plugin's too (default: ${DEFAULT-VALUE}).")
    String activation = ModelCatalog.DEFAULT_ACTIVATION;

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

    @Option(names = "--save", paramLabel = "FILE",
            description = "Save the trained model (architecture, weights, loss, class names) to FILE, for ./nn predict.")
    Path save;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "After every epoch, write a checkpoint (model, optimizer state, progress) to FILE.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run checkpointed in FILE with its model, optimizer, seed, batch size and"
                    + " data settings, up to --epochs in all (default: as planned); checkpoints go on to FILE"
                    + " unless --checkpoint says otherwise.")
    Path resume;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N training and N test images (quick runs; default: all).")
    Integer limit;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    /** Metadata keys of the run's data settings, saved with checkpoints so that --resume sees the same data. */
    private static final String MODEL_KEY = "nn.model";
    private static final String DATA_KEY = "nn.data";
    private static final String VALIDATION_KEY = "nn.validation";
    private static final String LIMIT_KEY = "nn.limit";

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Registries registries = PluginOptions.registries(spec);
        ComputeBackend backend = backendOptions.create(registries);
        Checkpoint resumed = resume == null ? null : readCheckpoint(registries);
        Sequential net = resumed != null ? resumed.model() : ModelCatalog.build(model, activation, registries, seed);
        Loss loss = resumed != null ? resumed.loss().orElseThrow()
                : registries.loss("softmax_cross_entropy", Config.empty());
        Optimizer opt = resumed != null ? resumed.optimizer().orElseThrow()
                : registries.optimizer(optimizer, Config.of("lr", learningRate));

        FashionMnistSource source = new FashionMnistSource(data, limit); // reads only what --limit keeps
        boolean flat = net.inputShape().rank() == 1;
        InMemoryDataset train = limited(source.load("train", flat));
        InMemoryDataset test = limited(source.load("t10k", flat));
        InMemoryDataset validation = null;
        if (validationFraction > 0) {
            InMemoryDataset.Split split = train.split(validationFraction, seed);
            train = split.train();
            validation = split.validation();
        }

        out.printf("model %s: %s%s%n%s%n", model, ModelCatalog.get(model).description(),
                resumed == null && !activation.equals(ModelCatalog.DEFAULT_ACTIVATION)
                        ? " (hidden activation " + activation + " instead)" : "", net.summary());
        out.printf("data: %s (%,d training, %,d validation, %,d test images)%n", source.describe(), train.size(),
                validation == null ? 0 : validation.size(), test.size());
        out.printf("backend: %s; optimizer %s, lr %s; batch %d; %d epochs; seed %d%n", backend.description(),
                opt.type(), opt.learningRate(), batchSize, epochs, seed);
        if (resumed != null) {
            TrainingProgress p = resumed.progress().orElseThrow();
            out.printf("resuming %s: %d of %d epochs done%n", resume, p.epoch(), epochs);
        }
        out.println();
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
        Path checkpointFile = checkpoint != null ? checkpoint : resume;
        if (checkpointFile != null) {
            builder.listener(new Checkpointer(checkpointFile, registries)
                    .withClassNames(FashionMnist.CLASS_NAMES).withMetadata(runMetadata()));
        }
        Trainer trainer = builder.build();
        long start = System.nanoTime();
        TrainingHistory history = resumed == null ? trainer.fit(train)
                : trainer.resume(train, resumed.progress().orElseThrow());
        double seconds = (System.nanoTime() - start) / 1e9;
        EvaluationResult result = trainer.evaluate(test);

        int ranNow = history.epochs().size() - (resumed == null ? 0 : resumed.progress().orElseThrow().epoch());
        double imagesPerSecond = (double) train.size() * ranNow / seconds;
        out.printf("%ntrained %d epochs in %.1f s (%,.0f images/s, including validation)%n",
                ranNow, seconds, imagesPerSecond);
        out.printf("test loss %.4f, test accuracy %.4f (%,d images)%n", result.loss(), result.accuracy(), result.samples());
        if (checkpointFile != null) {
            out.println("checkpoint written to " + checkpointFile);
        }
        if (save != null) {
            ModelFile.save(save, Checkpoint.of(net).withLoss(loss).withClassNames(FashionMnist.CLASS_NAMES)
                    .withMetadata(runMetadata()), registries);
            out.println("model saved to " + save + " (try ./nn predict --model " + save + ")");
        }
        out.flush();

        if (report != null) {
            EpochMetrics last = history.last();
            new TrainingReport(model, net.parameterCount(), source.describe(), backend.name(), backend.threads(),
                    opt.type(), opt.learningRate(), batchSize, seed, history.epochs().size(), train.size(),
                    validation == null ? 0 : validation.size(), test.size(), seconds, imagesPerSecond,
                    last.trainingLoss(), TrainingReport.measured(last.validationAccuracy()), result.loss(), result.accuracy(),
                    Runtime.version().toString(), epochs(history)).write(report);
            out.println("report written to " + report);
        }
        return 0;
    }

    /**
     * The checkpoint to resume, whose settings replace the options that decide what the run draws: the
     * model, seed, batch size, data, validation share and limit (the optimizer and its learning rate come
     * with its saved state). {@code --epochs}, when given, is the new total.
     */
    private Checkpoint readCheckpoint(Registries registries) throws IOException {
        Checkpoint saved = ModelFile.read(resume, registries);
        if (saved.progress().isEmpty() || saved.optimizer().isEmpty() || saved.loss().isEmpty()) {
            throw new ConfigException(resume + " is not a training checkpoint (it has no "
                    + (saved.progress().isEmpty() ? "training progress" : saved.optimizer().isEmpty() ? "optimizer"
                    : "loss") + "); write one with ./nn train --checkpoint FILE");
        }
        TrainingProgress p = saved.progress().get();
        Map<String, String> meta = saved.metadata();
        model = meta.getOrDefault(MODEL_KEY, model);
        seed = p.seed();
        batchSize = p.batchSize();
        if (!spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
            epochs = p.epochs();
        }
        if (meta.containsKey(DATA_KEY) && data == null) {
            data = meta.get(DATA_KEY).isEmpty() ? null : Path.of(meta.get(DATA_KEY));
        }
        if (meta.containsKey(VALIDATION_KEY)) {
            validationFraction = Double.parseDouble(meta.get(VALIDATION_KEY));
        }
        limit = meta.containsKey(LIMIT_KEY) ? Integer.valueOf(meta.get(LIMIT_KEY)) : null;
        return saved;
    }

    private Map<String, String> runMetadata() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(MODEL_KEY, model);
        meta.put(DATA_KEY, data == null ? "" : data.toAbsolutePath().toString());
        meta.put(VALIDATION_KEY, Double.toString(validationFraction));
        if (limit != null) {
            meta.put(LIMIT_KEY, Integer.toString(limit));
        }
        return meta;
    }

    private InMemoryDataset limited(InMemoryDataset set) {
        if (limit == null) {
            return set;
        }
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        return set.subset(0, Math.min(limit, set.size()));
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
