package org.nnj.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.nnj.api.ConfigException;
import org.nnj.api.NnException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.LearningRateSchedule;
import org.nnj.api.optim.Optimizer;
import org.nnj.core.data.DataFingerprint;
import org.nnj.core.data.Dataset;
import org.nnj.core.model.Sequential;

/**
 * Trains a {@link Sequential} with mini-batch gradient descent. Each step zeroes the gradients, runs the
 * model forward, computes the loss and its gradient, runs the model backward and lets the optimizer
 * update the parameters (after clipping the gradients, if {@link Builder#gradientClipping} asks for it).
 * After each epoch it evaluates the validation set (if any), reports an
 * {@link EpochMetrics} to the listeners and asks {@link EarlyStopping} (if configured) whether to go on.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *         .model(model).loss(loss).optimizer(optimizer).backend(backend)
 *         .batchSize(64).epochs(20).seed(7)
 *         .validation(testSet)
 *         .earlyStopping(EarlyStopping.ofPatience(3).withRestoreBestWeights(true))
 *         .learningRateSchedule(new CosineAnnealing(20), LearningRateScheduler.Unit.EPOCH)
 *         .gradientClipping(GradientClipping.byGlobalNorm(1.0))
 *         .listener(new ProgressBar(System.out))
 *         .build();
 * TrainingHistory history = trainer.fit(trainSet);
 * }</pre>
 *
 * <h2>Reproducibility</h2>
 * The seed alone decides the order of the examples in every epoch and the random sources the layers get
 * (dropout masks), so the same model initialisation, data, seed, backend and thread count give the same
 * weights bit for bit. Epoch {@code k}'s order and step seeds derive from the seed, {@code k} and the
 * step alone, not from what earlier epochs drew, so a run resumed at epoch {@code k} sees what the
 * uninterrupted run saw: {@link #resume} continues a run from a checkpoint, bit for bit.
 *
 * <h2>Checkpoints</h2>
 * After every epoch, listeners get a {@link TrainingSnapshot} ({@link TrainingListener#onCheckpoint});
 * {@code org.nnj.core.io.Checkpointer} writes it to a model file, which {@code ModelFile.read} turns back
 * into the model, optimizer and {@link TrainingProgress} that {@link #resume} takes.
 *
 * <h2>Divergence</h2>
 * A NaN or infinite batch loss ends the run with an {@link NnException} naming the epoch and step; it is
 * checked before that batch's update, so the model keeps the weights of the last good step.
 *
 * <p>A trainer holds its configuration; the optimizer's state carries over from one {@link #fit} to the
 * next. Not thread-safe.
 */
public final class Trainer {
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final ComputeBackend backend;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final boolean shuffle;
    private final Dataset validation;
    private final List<TrainingListener> listeners;
    private final EarlyStopping earlyStopping;
    private final GradientClipping clipping;
    private final LearningRateScheduler scheduler;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.backend = b.backend;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.validation = b.validation;
        this.scheduler = b.schedule == null ? null : new LearningRateScheduler(b.optimizer, b.schedule, b.scheduleUnit,
                Double.isNaN(b.baseLearningRate) ? b.optimizer.learningRate() : b.baseLearningRate);
        List<TrainingListener> all = new ArrayList<>();
        if (scheduler != null) {
            // First, so that every other listener sees the rate of the epoch or step it is told about.
            all.add(scheduler);
        }
        all.addAll(b.listeners);
        this.listeners = List.copyOf(all);
        this.earlyStopping = b.earlyStopping;
        this.clipping = b.clipping;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Sequential model() {
        return model;
    }

    /**
     * Trains the model on {@code train} for the configured number of epochs (fewer if early stopping ends
     * the run) and returns what each epoch achieved.
     *
     * @throws ShapeException if the data set's feature or target shape does not fit the model
     */
    public TrainingHistory fit(Dataset train) {
        return run(train, null);
    }

    /**
     * Continues a run from a checkpoint: trains epochs {@code progress.epoch() + 1} to the configured
     * number, and returns the whole run's history (the saved epochs first). The model and the optimizer
     * must hold the weights and the state saved with {@code progress} (as
     * {@code org.nnj.core.io.ModelFile.read} rebuilds them); then, on the same data, backend and thread
     * count, the run ends with the same weights, bit for bit, as one that was never interrupted. A run
     * that has nothing left to do returns its history at once.
     *
     * <p>With early stopping, the patience count continues from the saved history; the weights of an
     * epoch before the resume were not saved, so only an epoch run after it can be restored as the best.
     *
     * @throws ConfigException when the trainer's seed, batch size or shuffling differ from the saved run's
     *                         (they decide what each epoch draws), when {@code train}'s
     *                         {@link DataFingerprint} differs from the one saved with {@code progress} (a
     *                         progress without one, from an older file, is not checked), or when more epochs were completed than
     *                         this trainer is configured for
     */
    public TrainingHistory resume(Dataset train, TrainingProgress progress) {
        Objects.requireNonNull(progress, "progress");
        if (progress.seed() != seed || progress.batchSize() != batchSize || progress.shuffle() != shuffle) {
            throw new ConfigException("trainer: the saved run used seed " + progress.seed() + ", batch size "
                    + progress.batchSize() + (progress.shuffle() ? ", shuffled" : ", not shuffled")
                    + "; this trainer has seed " + seed + ", batch size " + batchSize
                    + (shuffle ? ", shuffled" : ", not shuffled") + ", so it would not continue that run");
        }
        if (progress.dataFingerprint() != null) {
            String now = DataFingerprint.of(train);
            if (!now.equals(progress.dataFingerprint())) {
                throw new ConfigException("trainer: the saved run trained on data with fingerprint "
                        + progress.dataFingerprint() + "; this training set has " + now
                        + ", so it would not continue that run");
            }
        }
        if (progress.epoch() > epochs) {
            throw new ConfigException("trainer: the saved run completed " + progress.epoch()
                    + " epochs, more than the " + epochs + " this trainer is configured for");
        }
        return run(train, progress);
    }

    private TrainingHistory run(Dataset train, TrainingProgress resumed) {
        checkFits("training set", train);
        if (validation != null) {
            checkFits("validation set", validation);
        }
        List<EpochMetrics> history = new ArrayList<>(resumed == null ? List.of() : resumed.history());
        // Hashed when the first epoch's snapshot needs it, not before the first step: over 60,000 images it
        // is a pass over 188 MB, and before the JIT has compiled it, a tenth of a second of start-up.
        Fingerprint fingerprint = new Fingerprint(train);
        if (resumed != null && (resumed.stoppedEarly() || resumed.epoch() == epochs)) {
            return new TrainingHistory(history, resumed.stoppedEarly(), OptionalInt.empty());
        }
        EpochRunner runner = new EpochRunner(model, loss, optimizer, backend, train, batchSize, seed, shuffle,
                validation, listeners, clipping);
        TrainingPlan plan = new TrainingPlan(epochs, runner.stepsPerEpoch(), train.size(), batchSize,
                validation == null ? 0 : validation.size());
        EarlyStoppingMonitor monitor = earlyStopping == null ? null
                : new EarlyStoppingMonitor(earlyStopping, model.parameters());
        if (monitor != null) {
            history.forEach(m -> monitor.replay(m.epoch(), m.monitoredLoss()));
        }
        if (scheduler != null) {
            scheduler.replay(history);
        }

        listeners.forEach(l -> l.onTrainingStart(plan));
        boolean stoppedEarly = false;
        for (int epoch = history.size() + 1; epoch <= epochs; epoch++) {
            int e = epoch;
            listeners.forEach(l -> l.onEpochStart(e));
            EpochMetrics metrics = runner.run(epoch);
            history.add(metrics);
            boolean stop = monitor != null && monitor.shouldStop(epoch, metrics.monitoredLoss());
            stoppedEarly = stop && epoch < epochs;
            TrainingSnapshot snapshot = new TrainingSnapshot(model, loss, optimizer,
                    new TrainingProgress(epoch, epochs, seed, batchSize, shuffle, stoppedEarly, history,
                            fingerprint.get()));
            listeners.forEach(l -> l.onCheckpoint(snapshot));
            listeners.forEach(l -> l.onEpochEnd(metrics));
            if (stop) {
                break;
            }
        }
        OptionalInt restored = monitor == null ? OptionalInt.empty() : monitor.restoreBest();
        TrainingHistory result = new TrainingHistory(history, stoppedEarly, restored);
        listeners.forEach(l -> l.onTrainingEnd(result));
        return result;
    }

    /**
     * The model's mean loss and accuracy over {@code data}, in inference mode, in batches of the
     * configured size, without touching gradients or weights.
     */
    public EvaluationResult evaluate(Dataset data) {
        checkFits("evaluation set", data);
        return new Evaluator(model, loss, backend, data, batchSize).run(null);
    }

    /**
     * As {@link #evaluate(Dataset)}, counting every example into {@code confusion} as well (added to what it
     * holds), in the same pass and by the same rule, so that its {@link ConfusionMatrix#accuracy()} is the
     * returned accuracy when it starts empty.
     *
     * @throws ShapeException when the matrix has another number of classes than the model's outputs (a
     *                        single output counts as the two classes 0 and 1)
     */
    public EvaluationResult evaluate(Dataset data, ConfusionMatrix confusion) {
        checkFits("evaluation set", data);
        int outputs = model.outputShape().size();
        int classes = outputs == 1 ? 2 : outputs;
        if (confusion.classes() != classes) {
            throw new ShapeException("confusion matrix: it has " + confusion.classes() + " classes, but the model's "
                    + "output " + model.outputShape() + " gives " + classes);
        }
        return new Evaluator(model, loss, backend, data, batchSize).run(confusion);
    }

    /** A data set's {@link DataFingerprint}, computed once, on first use. */
    private static final class Fingerprint {
        private final Dataset data;
        private String value;

        Fingerprint(Dataset data) {
            this.data = data;
        }

        String get() {
            if (value == null) {
                value = DataFingerprint.of(data);
            }
            return value;
        }
    }

    private void checkFits(String what, Dataset data) {
        Objects.requireNonNull(data, what);
        if (!data.featureShape().equals(model.inputShape())) {
            throw new ShapeException(what + ": features have shape " + data.featureShape()
                    + " per example, but the model's input shape is " + model.inputShape());
        }
        if (!data.targetShape().equals(model.outputShape())) {
            throw new ShapeException(what + ": targets have shape " + data.targetShape()
                    + " per example, but the model's output shape is " + model.outputShape());
        }
        if (data.size() == 0 && !what.equals("evaluation set")) {
            throw new NnException(what + " is empty");
        }
    }

    /** Configures a {@link Trainer}; model, loss, optimizer and backend are required. */
    public static final class Builder {
        private Sequential model;
        private Loss loss;
        private Optimizer optimizer;
        private ComputeBackend backend;
        private int batchSize = 32;
        private int epochs = 1;
        private long seed;
        private boolean shuffle = true;
        private Dataset validation;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private EarlyStopping earlyStopping;
        private GradientClipping clipping;
        private LearningRateSchedule schedule;
        private LearningRateScheduler.Unit scheduleUnit;
        private double baseLearningRate = Double.NaN;

        private Builder() {
        }

        public Builder model(Sequential model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        public Builder backend(ComputeBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** Examples per mini-batch, at least 1; default 32. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new ConfigException("trainer: 'batchSize' must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Passes over the training set, at least 1; default 1. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new ConfigException("trainer: 'epochs' must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** The seed of the shuffling and of the layers' random sources; default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether to visit the examples in a new random order each epoch; default true. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** A data set to evaluate after each epoch; early stopping then watches its loss. */
        public Builder validation(Dataset validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** Adds a listener; listeners are called in the order they were added. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Stops when the monitored loss stops improving; off by default. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = Objects.requireNonNull(earlyStopping, "earlyStopping");
            return this;
        }

        /** Clips the gradients after each backward pass, before the optimizer's step; off by default. */
        public Builder gradientClipping(GradientClipping clipping) {
            this.clipping = Objects.requireNonNull(clipping, "clipping");
            return this;
        }

        /**
         * Sets the optimizer's learning rate from {@code schedule} before each epoch or step ({@code unit}),
         * starting from the optimizer's rate when the trainer is built; see {@link LearningRateScheduler}.
         * Off by default.
         */
        public Builder learningRateSchedule(LearningRateSchedule schedule, LearningRateScheduler.Unit unit) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            this.scheduleUnit = Objects.requireNonNull(unit, "unit");
            this.baseLearningRate = Double.NaN;
            return this;
        }

        /**
         * Like {@link #learningRateSchedule(LearningRateSchedule, LearningRateScheduler.Unit)}, from
         * {@code baseLearningRate}: what a run resumed from a checkpoint needs, since the checkpoint saved
         * the optimizer at the rate of its last epoch.
         */
        public Builder learningRateSchedule(LearningRateSchedule schedule, LearningRateScheduler.Unit unit,
                                            double baseLearningRate) {
            learningRateSchedule(schedule, unit);
            if (!(baseLearningRate >= 0) || Double.isInfinite(baseLearningRate)) {
                throw new ConfigException("trainer: the base learning rate must be zero or positive and finite, got "
                        + baseLearningRate);
            }
            this.baseLearningRate = baseLearningRate;
            return this;
        }

        /** @throws ConfigException naming the first required setting that is missing */
        public Trainer build() {
            require(model, "model");
            require(loss, "loss");
            require(optimizer, "optimizer");
            require(backend, "backend");
            return new Trainer(this);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new ConfigException("trainer: '" + name + "' is required; set it with Trainer.builder()."
                        + name + "(...)");
            }
        }
    }
}
