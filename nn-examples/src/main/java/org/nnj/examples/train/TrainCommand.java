package org.nnj.examples.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.core.data.DataFingerprint;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.Checkpointer;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.ConfusionMatrix;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.EvaluationResult;
import org.nnj.core.train.LearningRateScheduler;
import org.nnj.core.train.ProgressBar;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.core.train.TrainingProgress;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import org.nnj.examples.NnCommand;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.Text;
import org.nnj.examples.dashboard.UiOptions;
import org.nnj.examples.render.ConfusionImage;
import org.nnj.examples.render.Png;
import org.nnj.onnx.OnnxExport;
import org.nnj.optimizers.schedule.CosineAnnealing;
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

    // The training settings default to the model's recipe (ModelCatalog): null here means "not given".
    @Option(names = "--epochs", paramLabel = "N",
            description = "Passes over the training data (default: the model's recipe; 10 for mlp, lenet, cnn).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: the model's recipe; 64 for mlp, lenet, cnn).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate, the base rate of a schedule (default: the model's recipe; 0.001 for mlp, lenet, cnn).")
    Double learningRate;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "Optimizer provider name, e.g. adam, adamw, sgd (default: the model's recipe; adam for mlp, lenet, cnn).")
    String optimizer;

    @Option(names = "--weight-decay", paramLabel = "W",
            description = "The optimizer's weight_decay: L2 added to the gradient for adam and sgd, decoupled for adamw"
                    + " (default: the model's recipe; 0 for mlp, lenet, cnn).")
    Double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "Learning-rate schedule: none, or cosine (from --lr down to 0 over every step of the run)"
                    + " (default: the model's recipe; none for mlp, lenet, cnn).")
    String schedule;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Share of the training images held out to validate after each epoch, 0 for none (default: ${DEFAULT-VALUE}).")
    double validationFraction = 0.1;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write the run's settings and results, with the test set's confusion matrix, as JSON to FILE,"
                    + " and the matrix as a picture beside it (run.json: run-confusion.png).")
    Path report;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Save the trained model (architecture, weights, loss, class names) to FILE, for ./nn predict.")
    Path save;

    @Option(names = "--export", paramLabel = "FILE",
            description = "Export the trained model to FILE as ONNX (opset 13, input \"input\" [N, ...], output \"output\"),"
                    + " for ONNX Runtime and other runtimes; checked before training.")
    Path export;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "After every epoch, write a checkpoint (model, optimizer state, progress) to FILE.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run checkpointed in FILE with its model, optimizer, seed, batch size and"
                    + " data settings, up to --epochs in all (default: as planned); checkpoints go on to FILE"
                    + " unless --checkpoint says otherwise. An option that contradicts the checkpoint (--model,"
                    + " --batch, --seed, --data, --validation, --limit, --optimizer, --lr), or data that differ"
                    + " from the checkpoint's, is refused.")
    Path resume;

    @Option(names = "--resume-override",
            description = "With --resume: continue with the given --batch, --seed, --data, --validation and --limit"
                    + " (and other data) where they differ from the checkpoint's; the run then no longer matches"
                    + " an uninterrupted one. The model and optimizer always come from the checkpoint.")
    boolean resumeOverride;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N training and N test images (quick runs; default: all).")
    Integer limit;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    UiOptions uiOptions;

    @Spec
    CommandSpec spec;

    /** Metadata keys of the run's data settings, saved with checkpoints so that --resume sees the same data. */
    private static final String MODEL_KEY = "nn.model";
    private static final String DATA_KEY = "nn.data";
    private static final String VALIDATION_KEY = "nn.validation";
    private static final String LIMIT_KEY = "nn.limit";
    private static final String SCHEDULE_KEY = "nn.schedule";
    private static final String BASE_LR_KEY = "nn.lr";

    @Override
    public Integer call() throws IOException {
        // Every option is checked before any work, and every file the run will write: a typo in --save
        // must not cost the whole run.
        Checks checks = Checks.of(spec);
        if (resume == null) {
            applyRecipe(checks);
        }
        checks.positive("--epochs", epochs).positive("--batch", batchSize).positive("--lr", learningRate)
                .nonNegative("--weight-decay", weightDecay)
                .fraction("--validation", validationFraction).positive("--limit", limit)
                .inputDirectory("--data", data).inputFile("--resume", resume)
                .outputFile("--save", save).outputFile("--checkpoint", checkpoint).outputFile("--report", report)
                .outputFile("--export", export)
                .distinct("--report", report, "--save", save).distinct("--report", report, "--checkpoint", checkpoint);
        checks.distinct("--export", export, "--save", save).distinct("--export", export, "--report", report)
                .distinct("--export", export, "--checkpoint", checkpoint).distinct("--export", export, "--resume", resume);
        if (checkpoint == null) {
            checks.outputFile("--resume", resume); // checkpoints go on into it
        }
        Path confusionImage = report == null ? null : TrainingReport.confusionImage(report);
        String imageOption = "--report (its confusion matrix picture)";
        checks.outputFile(imageOption, confusionImage).distinct(imageOption, confusionImage, "--save", save)
                .distinct(imageOption, confusionImage, "--checkpoint", checkpoint)
                .distinct(imageOption, confusionImage, "--resume", resume);
        checks.distinct(imageOption, confusionImage, "--export", export);
        if (resumeOverride && resume == null) {
            throw checks.fail("--resume-override", "needs --resume");
        }
        backendOptions.check();
        uiOptions.check();
        if (resume == null) {
            ModelCatalog.get(model);
        }
        PrintWriter out = spec.commandLine().getOut();
        // A resumed run takes its data settings from the checkpoint: its data are read once that is.
        DataLoad load = resume == null ? startDataLoad() : null;
        Registries registries = PluginOptions.registries(spec);
        Checkpoint resumed = resume == null ? null : readCheckpoint(registries);
        if (load == null) {
            load = startDataLoad();
        }
        FashionMnistSource source = load.source();
        Sequential net = resumed != null ? resumed.model() : ModelCatalog.build(model, activation, registries, seed);
        ComputeBackend backend = backendOptions.create(registries);
        if (export != null) {
            OnnxExport.check(net); // a layer without an ONNX form fails now, not after the training
        }
        Loss loss = resumed != null ? resumed.loss().orElseThrow()
                : registries.loss("softmax_cross_entropy", Config.empty());
        Optimizer opt = resumed != null ? resumed.optimizer().orElseThrow()
                : registries.optimizer(optimizer, optimizerConfig());

        InMemoryDataset train = load.train().get().withFeatureShape(net.inputShape());
        InMemoryDataset test = load.test().get().withFeatureShape(net.inputShape());
        InMemoryDataset validation = null;
        if (validationFraction > 0) {
            InMemoryDataset.Split split = train.split(validationFraction, seed);
            train = split.train();
            validation = split.validation();
        }
        TrainingProgress progress = resumed == null ? null : checkResumedData(resumed.progress().orElseThrow(), train);

        out.printf("model %s: %s%s%n%s%n", model, ModelCatalog.get(model).description(),
                resumed == null && !activation.equals(ModelCatalog.DEFAULT_ACTIVATION)
                        ? " (hidden activation " + activation + " instead)" : "", net.summary());
        out.printf("data: %s (%,d training, %,d validation, %,d test images)%n", source.describe(), train.size(),
                validation == null ? 0 : validation.size(), test.size());
        out.printf("backend: %s; optimizer %s, lr %s%s%s; batch %d; %s; seed %d%n", backend.description(),
                opt.type(), learningRate, weightDecay == 0 ? "" : ", weight decay " + weightDecay,
                scheduleKind() == Recipe.Schedule.NONE ? "" : ", " + schedule + " schedule", batchSize,
                Text.count(epochs, "epoch"), seed);
        if (resumed != null) {
            out.printf("resuming %s: %d of %s done%n", resume, progress.epoch(), Text.count(epochs, "epoch"));
        }
        out.println();
        out.flush();

        StartupClock startup = new StartupClock();
        Trainer.Builder builder = Trainer.builder()
                .model(net)
                .loss(loss)
                .optimizer(opt)
                .backend(backend)
                .batchSize(batchSize)
                .epochs(epochs)
                .seed(seed)
                .listener(startup)
                .listener(new ProgressBar(new PrintStream(System.out, true)));
        if (validation != null) {
            builder.validation(validation);
        }
        if (scheduleKind() == Recipe.Schedule.COSINE) {
            long steps = (long) epochs * ((train.size() + batchSize - 1) / batchSize);
            builder.learningRateSchedule(new CosineAnnealing(steps), LearningRateScheduler.Unit.STEP, learningRate);
        }
        Path checkpointFile = checkpoint != null ? checkpoint : resume;
        if (checkpointFile != null) {
            builder.listener(new Checkpointer(checkpointFile, registries)
                    .withClassNames(FashionMnist.CLASS_NAMES).withMetadata(runMetadata()));
        }
        UiOptions.Recording recording = uiOptions.start(model, opt.type(), net, backend, test, out);
        out.flush();
        if (recording != null) {
            builder.listener(recording.listener());
        }
        Trainer trainer = builder.build();
        long start = System.nanoTime();
        TrainingHistory history;
        double seconds;
        try (recording) {
            history = resumed == null ? trainer.fit(train) : trainer.resume(train, progress);
            seconds = (System.nanoTime() - start) / 1e9; // training only: not the dashboard's closing
        }
        ConfusionMatrix confusion = new ConfusionMatrix(FashionMnist.CLASS_NAMES.size());
        EvaluationResult result = trainer.evaluate(test, confusion);

        int ranNow = history.epochs().size() - (resumed == null ? 0 : progress.epoch());
        double imagesPerSecond = (double) train.size() * ranNow / seconds;
        out.printf("%ntrained %s in %.1f s (%,.0f images/s, including validation)%n",
                Text.count(ranNow, "epoch"), seconds, imagesPerSecond);
        out.printf("test loss %.4f, test accuracy %.4f (%,d images)%n", result.loss(), result.accuracy(), result.samples());
        if (checkpointFile != null) {
            out.println("checkpoint written to " + checkpointFile);
        }
        if (save != null) {
            ModelFile.save(save, Checkpoint.of(net).withLoss(loss).withClassNames(FashionMnist.CLASS_NAMES)
                    .withMetadata(runMetadata()), registries);
            out.println("model saved to " + save + "; try: ./nn predict --model " + save + " --images "
                    + NnCommand.TEST_IMAGES + " --count 5");
        }
        if (export != null) {
            OnnxExport.write(net, export);
            out.println("ONNX model exported to " + export + " (opset " + OnnxExport.OPSET + ")");
        }
        out.flush();

        if (report != null) {
            EpochMetrics last = history.last();
            new TrainingReport(model, net.parameterCount(), source.describe(), backend.name(), backend.threads(),
                    opt.type(), learningRate, weightDecay, schedule, batchSize, seed, history.epochs().size(), train.size(),
                    validation == null ? 0 : validation.size(), test.size(), seconds, imagesPerSecond,
                    startup.seconds().orElse(null), startup.cpuSeconds().orElse(null), last.trainingLoss(), TrainingReport.measured(last.validationAccuracy()), result.loss(), result.accuracy(),
                    Runtime.version().toString(), epochs(history),
                    TrainingReport.Confusion.of(confusion, FashionMnist.CLASS_NAMES)).write(report);
            Png.write(ConfusionImage.render(confusion, FashionMnist.CLASS_NAMES, String.format(Locale.ROOT,
                    "%s on the test set: accuracy %.4f (%,d of %,d)", model, confusion.accuracy(), confusion.correct(),
                    confusion.total())), confusionImage);
            out.printf("%nconfusion matrix of the test set (rows: true class, columns: predicted)%n%s",
                    ConfusionTable.of(confusion, FashionMnist.CLASS_NAMES));
            out.println("report written to " + report + ", confusion matrix picture to " + confusionImage);
        }
        return 0;
    }

    /**
     * The checkpoint to resume, whose settings replace the options that decide what the run draws: the
     * model, seed, batch size, data, validation share and limit (the optimizer and its learning rate come
     * with its saved state). {@code --epochs}, when given, is the new total. An option given with another
     * value than the checkpoint's is refused, unless {@code --resume-override} lets the data settings change.
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
        Optimizer opt = saved.optimizer().get();
        // What the checkpoint fixes for good: its weights are of its model, its state is of its optimizer.
        if (meta.containsKey(MODEL_KEY)) {
            conflict("--model", "holds a model", meta.get(MODEL_KEY), model, false);
        }
        conflict("--optimizer", "was trained with optimizer", opt.type(), optimizer, false);
        double savedBaseRate = meta.containsKey(BASE_LR_KEY) ? Double.parseDouble(meta.get(BASE_LR_KEY))
                : opt.learningRate();
        if (given("--lr") && Double.compare(savedBaseRate, learningRate) != 0) {
            conflict("--lr", "was trained with learning rate", Double.toString(savedBaseRate),
                    Double.toString(learningRate), false);
        }
        double savedDecay = opt.config().getDouble("weight_decay", 0);
        if (given("--weight-decay") && Double.compare(savedDecay, weightDecay) != 0) {
            conflict("--weight-decay", "was trained with weight decay", Double.toString(savedDecay),
                    Double.toString(weightDecay), false);
        }
        String savedSchedule = meta.getOrDefault(SCHEDULE_KEY, Recipe.Schedule.NONE.optionValue());
        conflict("--schedule", "was trained with schedule", savedSchedule, String.valueOf(schedule), false);
        // What decides the batches: refused when different, unless --resume-override.
        conflict("--batch", "was trained with batch size", Integer.toString(p.batchSize()), String.valueOf(batchSize),
                true);
        conflict("--seed", "was trained with seed", Long.toString(p.seed()), Long.toString(seed), true);
        if (meta.containsKey(DATA_KEY)) {
            conflict("--data", "was trained on", meta.get(DATA_KEY).isEmpty() ? "the shipped subset"
                    : Path.of(meta.get(DATA_KEY)).normalize().toString(),
                    data == null ? "the shipped subset" : data.toAbsolutePath().normalize().toString(), true);
        }
        if (meta.containsKey(VALIDATION_KEY)) {
            conflict("--validation", "held out a validation share of", Double.toString(
                    Double.parseDouble(meta.get(VALIDATION_KEY))), Double.toString(validationFraction), true);
        }
        conflict("--limit", "was trained with a limit of", meta.getOrDefault(LIMIT_KEY, "none"),
                limit == null ? "none" : limit.toString(), true);
        if (given("--epochs") && epochs < p.epoch()) {
            throw Checks.of(spec).fail("--epochs", "the checkpoint " + resume + " has already completed "
                    + Text.count(p.epoch(), "epoch") + ", more than " + epochs);
        }

        model = meta.getOrDefault(MODEL_KEY, model);
        optimizer = opt.type();
        learningRate = savedBaseRate;
        weightDecay = savedDecay;
        schedule = savedSchedule;
        if (!given("--seed")) {
            seed = p.seed();
        }
        if (!given("--batch")) {
            batchSize = p.batchSize();
        }
        if (!given("--epochs")) {
            epochs = p.epochs();
        }
        if (meta.containsKey(DATA_KEY) && !given("--data")) {
            data = meta.get(DATA_KEY).isEmpty() ? null : Path.of(meta.get(DATA_KEY));
        }
        if (meta.containsKey(VALIDATION_KEY) && !given("--validation")) {
            validationFraction = Double.parseDouble(meta.get(VALIDATION_KEY));
        }
        if (!given("--limit")) {
            limit = meta.containsKey(LIMIT_KEY) ? Integer.valueOf(meta.get(LIMIT_KEY)) : null;
        }
        if (data != null && !given("--data")) {
            Checks.of(spec).inputDirectory("--data (from " + resume + ")", data);
        }
        return saved;
    }

    /**
     * Takes the model's recipe for every training setting the user did not give. An unknown model is an
     * error here, before anything else is checked, so the message is about the model.
     */
    private void applyRecipe(Checks checks) {
        Recipe recipe = ModelCatalog.get(model).recipe();
        epochs = epochs != null ? epochs : recipe.epochs();
        batchSize = batchSize != null ? batchSize : recipe.batchSize();
        optimizer = optimizer != null ? optimizer : recipe.optimizer();
        learningRate = learningRate != null ? learningRate : recipe.learningRate();
        weightDecay = weightDecay != null ? weightDecay : recipe.weightDecay();
        schedule = schedule != null ? schedule : recipe.schedule().optionValue();
        try {
            Recipe.Schedule.of(schedule);
        } catch (ConfigException e) {
            throw checks.fail("--schedule", e.getMessage());
        }
    }

    private Recipe.Schedule scheduleKind() {
        return Recipe.Schedule.of(schedule);
    }

    /** The optimizer's settings: its rate, and its weight decay when there is one (not every optimizer has the key). */
    private Config optimizerConfig() {
        return weightDecay == 0 && !given("--weight-decay") ? Config.of("lr", learningRate)
                : Config.of("lr", learningRate, "weight_decay", weightDecay);
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * Refuses {@code option} when it was given with another value than the checkpoint's; with
     * {@code overridable} and {@code --resume-override}, says that the run goes on with the new value.
     */
    private void conflict(String option, String what, String saved, String value, boolean overridable) {
        if (!given(option) || saved.equals(value)) {
            return;
        }
        if (overridable && resumeOverride) {
            spec.commandLine().getErr().println("nn: warning: " + option + ": the checkpoint " + resume + " " + what
                    + " " + saved + "; continuing with " + value + " (--resume-override), so the run will not"
                    + " match an uninterrupted one");
            return;
        }
        throw Checks.of(spec).fail(option, "the checkpoint " + resume + " " + what + " " + saved + ", given " + value
                + (overridable ? "; drop " + option + ", or add --resume-override to continue with " + value
                : "; a checkpoint continues its own " + option.substring(2) + ", drop " + option));
    }

    /**
     * The progress to resume from, once the training data is known: the same data as the checkpoint's
     * (by {@link DataFingerprint}), or, with {@code --resume-override}, the new data and settings.
     */
    private TrainingProgress checkResumedData(TrainingProgress p, InMemoryDataset train) {
        String now = DataFingerprint.of(train);
        if (p.dataFingerprint() == null) {
            spec.commandLine().getErr().println("nn: warning: " + resume + " records no data fingerprint (an older"
                    + " checkpoint): the training data cannot be checked against the checkpoint's");
        } else if (!now.equals(p.dataFingerprint())) {
            if (!resumeOverride) {
                throw Checks.of(spec).fail("--data", "the checkpoint " + resume + " was trained on data with"
                        + " fingerprint " + p.dataFingerprint() + ", the data now (" + new FashionMnistSource(data)
                        .describe() + ") has " + now + "; the files changed, or add --resume-override to train on"
                        + " them anyway");
            }
            spec.commandLine().getErr().println("nn: warning: the training data differ from the checkpoint's ("
                    + p.dataFingerprint() + ", now " + now + "); continuing on them (--resume-override)");
        }
        return resumeOverride ? p.withSeedAndBatchSize(seed, batchSize).withDataFingerprint(null) : p;
    }

    private Map<String, String> runMetadata() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(MODEL_KEY, model);
        meta.put(DATA_KEY, data == null ? "" : data.toAbsolutePath().normalize().toString());
        meta.put(VALIDATION_KEY, Double.toString(validationFraction));
        meta.put(SCHEDULE_KEY, schedule);
        meta.put(BASE_LR_KEY, Double.toString(learningRate));
        if (limit != null) {
            meta.put(LIMIT_KEY, Integer.toString(limit));
        }
        return meta;
    }

    /** The two splits of a run's data, being read on threads of their own. */
    private record DataLoad(FashionMnistSource source, Background<InMemoryDataset> train,
                            Background<InMemoryDataset> test) {
    }

    /**
     * Starts reading the two splits on threads of their own, to be read while the plugins, the model and the
     * backend are set up: the shipped subset takes about 0.1 s to read, a fifth of the time from the start of
     * the process to the first training step. They are read flat and take the model's input shape after.
     */
    private DataLoad startDataLoad() {
        FashionMnistSource source = new FashionMnistSource(data, limit); // reads only what --limit keeps
        return new DataLoad(source, Background.start("nn-read-train", () -> limited(source.load("train", true))),
                Background.start("nn-read-test", () -> limited(source.load("t10k", true))));
    }

    private InMemoryDataset limited(InMemoryDataset set) {
        if (limit == null) {
            return set;
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
