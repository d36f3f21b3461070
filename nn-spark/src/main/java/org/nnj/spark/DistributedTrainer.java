package org.nnj.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.core.backend.BackendSelector;
import org.nnj.core.io.Architecture;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Seeds;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.TrainingHistory;
import org.nnj.core.train.TrainingListener;
import org.nnj.core.train.TrainingPlan;

/**
 * Trains a {@link Sequential} on a Spark {@link Dataset}, data-parallel, with the driver as the one owner of
 * the weights and the optimizer: every round broadcasts the weights, runs one job over the cached partitions
 * and sums what they return with a tree aggregation, and then the driver applies one update. A task that
 * fails is retried by Spark and recomputes the same numbers (its rows and seeds depend only on the epoch,
 * the round and the partition); only the job's single result reaches the driver, so each round's update is
 * applied exactly once.
 *
 * <p>With a checkpoint directory, the driver writes {@value #CHECKPOINT_FILE} after every round (atomically,
 * through {@link ModelFile}): the weights, the optimizer state and the rounds done. A job started again with
 * the same directory and settings resumes after the last round written, and ends with the weights the
 * uninterrupted job would have had.
 *
 * <p>Listeners are nn-core's {@link TrainingListener}s: {@code onBatchEnd} once per round (a "step" is a
 * round), {@code onEpochEnd} with the epoch's training loss, accuracy and images per second.
 */
public final class DistributedTrainer {
    /** The checkpoint's file name inside the checkpoint directory. */
    public static final String CHECKPOINT_FILE = "checkpoint.safetensors";
    static final String ROUNDS_KEY = "spark.rounds_done";
    static final String PLAN_KEY = "spark.plan";

    private static final System.Logger LOG = System.getLogger("org.nnj.spark");

    private final TrainingSettings settings;
    private final List<TrainingListener> listeners;
    private TrainingHistory history;

    public DistributedTrainer(TrainingSettings settings, List<TrainingListener> listeners) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listeners = List.copyOf(listeners);
    }

    /** What the last {@link #fit} achieved, epoch by epoch (the epochs this run trained, after a resume). */
    public TrainingHistory history() {
        return history;
    }

    /**
     * Trains the model of {@code spec} on {@code data} ({@code features}: array of floats or vector of the
     * model's input size; {@code label}: class indices) and returns it. The data is checked first; its
     * partitioning is kept (repartition it to the number of executor cores first for the best balance).
     *
     * @throws ConfigException for bad input, naming the column and the expected shape
     */
    public Sequential fit(Dataset<Row> data, ModelSpec spec, String features, String label) {
        Registries registries = Replica.registries();
        Sequential model = spec.build(registries, settings.seed());
        int width = model.inputShape().size();
        int classes = model.outputShape().size();
        long total = InputCheck.check(data, features, label, width, classes);
        JavaRDD<PartitionBlock> blocks = data.select(InputCheck.featureArray(data.schema(), features), data.col(label))
                .javaRDD()
                .mapPartitionsWithIndex((index, rows) -> List.of(PartitionBlock.pack(index, rows, width)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            int[] sizes = blocks.map(b -> b.rows).collect().stream().mapToInt(Integer::intValue).toArray();
            return train(JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()), blocks, sizes, total,
                    model, registries);
        } finally {
            blocks.unpersist(false);
        }
    }

    private Sequential train(JavaSparkContext jsc, JavaRDD<PartitionBlock> blocks, int[] sizes, long total,
                             Sequential model, Registries registries) {
        int batch = settings.batchSize();
        int steps = (int) Math.max(1, (total + batch - 1) / batch);
        int perRound = settings.stepsPerRound();
        int rounds = (steps + perRound - 1) / perRound;
        Loss loss = registries.loss(Replica.LOSS, Config.empty());
        ComputeBackend backend = BackendSelector.select(registries.backends(), Config.empty());
        Optimizer optimizer = registries.optimizer(settings.optimizer(), Config.of("lr", settings.learningRate()));
        // What a checkpoint must have been written under to be resumed: the same rounds over the same data.
        String plan = settings.mode().id() + "/" + settings.averagingPeriod() + "/" + settings.epochs() + "x" + rounds
                + "/" + total + "/" + batch + "/" + settings.seed();
        Path checkpoint = settings.checkpointDir() == null ? null : Path.of(settings.checkpointDir(), CHECKPOINT_FILE);
        int done = checkpoint != null && Files.exists(checkpoint)
                ? resume(checkpoint, registries, model, optimizer, plan) : 0;
        String architecture = Architecture.of(model, registries).toJson();
        List<Parameter> parameters = model.parameters();
        TrainingPlan trainingPlan = new TrainingPlan(settings.epochs(), rounds, (int) Math.min(total, Integer.MAX_VALUE),
                batch, 0);
        listeners.forEach(l -> l.onTrainingStart(trainingPlan));
        List<EpochMetrics> epochs = new ArrayList<>();
        EpochTally tally = null;
        for (int g = done; g < settings.epochs() * rounds; g++) {
            int epoch = g / rounds + 1;
            int round = g % rounds;
            if (round == 0 || g == done) {
                listeners.forEach(l -> l.onEpochStart(epoch));
                tally = new EpochTally(epoch);
            }
            long start = System.nanoTime();
            float[] values = FlatParameters.values(parameters);
            StepResult result = settings.mode() == SyncMode.GRADIENT
                    ? gradientRound(jsc, blocks, sizes, architecture, values, epoch, round, steps, optimizer, parameters,
                    model, backend)
                    : parameterRound(jsc, blocks, architecture, values, optimizer, epoch, round, steps, parameters);
            tally.add(result);
            logRound(epoch, round, rounds, result, System.nanoTime() - start);
            if (checkpoint != null) {
                save(checkpoint, model, loss, optimizer, g + 1, plan);
            }
            double running = tally.runningLoss();
            listeners.forEach(l -> l.onBatchEnd(epoch, round + 1, rounds, running));
            if (round == rounds - 1) {
                EpochMetrics metrics = tally.metrics();
                epochs.add(metrics);
                listeners.forEach(l -> l.onEpochEnd(metrics));
            }
        }
        history = new TrainingHistory(epochs, false, OptionalInt.empty());
        listeners.forEach(l -> l.onTrainingEnd(history));
        return model;
    }

    private static void logRound(int epoch, int round, int rounds, StepResult result, long nanos) {
        LOG.log(Level.INFO, String.format(Locale.ROOT,
                "epoch %d round %d/%d: loss %.4f, accuracy %.4f over %,d rows, %.2f s", epoch, round + 1, rounds,
                result.rows == 0 ? Double.NaN : result.lossSum / result.rows,
                result.rows == 0 ? Double.NaN : (double) result.correct / result.rows, result.rows, nanos / 1e9));
    }

    /** One step of gradient averaging: the tree-summed gradients of the shares, one optimizer step here. */
    private StepResult gradientRound(JavaSparkContext jsc, JavaRDD<PartitionBlock> blocks, int[] sizes,
                                     String architecture, float[] weights, int epoch, int step, int steps,
                                     Optimizer optimizer, List<Parameter> parameters, Sequential model,
                                     ComputeBackend backend) {
        long globalRows = 0;
        for (int size : sizes) {
            globalRows += PartitionBlock.shareStart(size, step + 1, steps) - PartitionBlock.shareStart(size, step, steps);
        }
        if (globalRows == 0) {
            return new StepResult();
        }
        Broadcast<float[]> shared = jsc.broadcast(weights);
        boolean shuffle = settings.shuffle();
        long seed = settings.seed();
        long global = globalRows;
        int size = weights.length;
        try {
            StepResult result = blocks.treeAggregate(new StepResult(), (acc, block) -> {
                int from = PartitionBlock.shareStart(block.rows, step, steps);
                int to = PartitionBlock.shareStart(block.rows, step + 1, steps);
                if (to > from) {
                    Replica replica = Replica.of(architecture, shared.value());
                    // The loss is the mean over the global batch: this share's mean gradient counts
                    // (share / global) of it.
                    replica.gradient(block, block.order(shuffle, seed, epoch), from, to, (float) (to - from) / global,
                            stepSeed(seed, epoch, step, block.partition), acc);
                    acc.sum = acc.sum == null ? new float[size] : acc.sum;
                    FlatParameters.addGradients(replica.parameters, acc.sum);
                }
                return acc;
            }, StepResult::merge, 2);
            model.zeroGradients();
            FlatParameters.setGradients(parameters, result.sum);
            optimizer.step(backend, parameters);
            return result;
        } finally {
            shared.destroy();
        }
    }

    /** One round of parameter averaging: K local steps on every partition, then the weighted mean. */
    private StepResult parameterRound(JavaSparkContext jsc, JavaRDD<PartitionBlock> blocks, String architecture,
                                      float[] weights, Optimizer optimizer, int epoch, int round, int steps,
                                      List<Parameter> parameters) {
        Broadcast<float[]> sharedWeights = jsc.broadcast(weights);
        Broadcast<FlatState> sharedState = jsc.broadcast(FlatState.of(optimizer.saveState()));
        String optimizerName = settings.optimizer();
        double lr = settings.learningRate();
        boolean shuffle = settings.shuffle();
        long seed = settings.seed();
        int first = round * settings.averagingPeriod();
        int last = Math.min(steps, first + settings.averagingPeriod());
        try {
            StepResult result = blocks.treeAggregate(new StepResult(), (acc, block) -> {
                Replica replica = Replica.of(architecture, sharedWeights.value());
                Optimizer local = Replica.registries().optimizer(optimizerName, Config.of("lr", lr));
                FlatState state = sharedState.value();
                if (!state.isEmpty()) {
                    local.loadState(FlatState.averaged(state.keys(), state.dims(), state.values(), state.scalarKeys(),
                            state.scalars(), 1));
                }
                int[] order = block.order(shuffle, seed, epoch);
                long trained = 0;
                for (int s = first; s < last; s++) {
                    int from = PartitionBlock.shareStart(block.rows, s, steps);
                    int to = PartitionBlock.shareStart(block.rows, s + 1, steps);
                    if (to > from) {
                        replica.gradient(block, order, from, to, 1f, stepSeed(seed, epoch, s, block.partition), acc);
                        local.step(replica.backend, replica.parameters);
                        trained += to - from;
                    }
                }
                if (trained > 0) {
                    acc.sum = StepResult.addScaled(acc.sum, FlatParameters.values(replica.parameters), trained);
                    FlatState after = FlatState.of(local.saveState());
                    acc.stateSum = StepResult.addScaled(acc.stateSum, after.values(), trained);
                    acc.merge(layoutOnly(after, trained));
                    acc.weight += trained;
                }
                return acc;
            }, StepResult::merge, 2);
            if (result.weight > 0) {
                float[] averaged = new float[result.sum.length];
                for (int i = 0; i < averaged.length; i++) {
                    averaged[i] = (float) (result.sum[i] / result.weight);
                }
                FlatParameters.setValues(parameters, averaged);
                optimizer.loadState(FlatState.averaged(result.stateKeys, result.stateDims, result.stateSum,
                        result.scalarKeys, result.scalarSum, result.weight));
            }
            return result;
        } finally {
            sharedWeights.destroy();
            sharedState.destroy();
        }
    }

    /** A result holding only {@code state}'s layout and its scalars times {@code weight}, to merge. */
    private static StepResult layoutOnly(FlatState state, long weight) {
        StepResult r = new StepResult();
        r.stateKeys = state.keys();
        r.stateDims = state.dims();
        r.scalarKeys = state.scalarKeys();
        r.scalarSum = new double[state.scalars().length];
        for (int i = 0; i < r.scalarSum.length; i++) {
            r.scalarSum[i] = state.scalars()[i] * weight;
        }
        return r;
    }

    static long stepSeed(long seed, int epoch, int step, int partition) {
        return Seeds.derive(Seeds.derive(Seeds.derive(seed, epoch), step), partition);
    }

    private static void save(Path file, Sequential model, Loss loss, Optimizer optimizer, int roundsDone, String plan) {
        try {
            Files.createDirectories(file.getParent());
            ModelFile.save(file, Checkpoint.of(model).withLoss(loss).withOptimizer(optimizer)
                    .withMetadata(Map.of(ROUNDS_KEY, Integer.toString(roundsDone), PLAN_KEY, plan)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads the checkpoint's weights and optimizer state; returns the rounds it had done. */
    private static int resume(Path file, Registries registries, Sequential model, Optimizer optimizer, String plan) {
        try {
            Checkpoint saved = ModelFile.read(file, registries);
            String savedPlan = saved.metadata().get(PLAN_KEY);
            if (!plan.equals(savedPlan)) {
                throw new ConfigException("the checkpoint " + file + " is of another run (" + savedPlan
                        + ", this one is " + plan + "); delete it or choose another checkpoint directory");
            }
            FlatParameters.setValues(model.parameters(), FlatParameters.values(saved.model().parameters()));
            OptimizerState state = saved.optimizer().orElseThrow(() -> new ConfigException(
                    "the checkpoint " + file + " has no optimizer state")).saveState();
            optimizer.loadState(state);
            int done = Integer.parseInt(saved.metadata().get(ROUNDS_KEY));
            LOG.log(Level.INFO, "resuming from " + file + " after round " + done);
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
