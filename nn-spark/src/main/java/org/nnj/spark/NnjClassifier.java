package org.nnj.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nnj.core.model.Sequential;
import org.nnj.core.train.TrainingListener;

/**
 * A Spark ML {@link Estimator} that trains an NNJ classifier data-parallel on the cluster (see
 * {@link DistributedTrainer}) and returns an {@link NnjClassificationModel}.
 *
 * <pre>{@code
 * NnjClassifier classifier = new NnjClassifier().setModelSpec("mlp").setEpochs(5).setSyncMode("parameter");
 * NnjClassificationModel model = classifier.fit(train);        // or inside a Pipeline
 * Dataset<Row> predicted = model.transform(test);              // adds prediction and probability
 * }</pre>
 *
 * The loss is softmax + cross-entropy; the labels are class indices {@code 0..outputs-1}. Saved and loaded
 * with Spark ML's {@code write().save(path)} and {@link #load(String)}, alone or in a {@code Pipeline}.
 */
public final class NnjClassifier extends Estimator<NnjClassificationModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> modelSpec;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final Param<String> syncMode;
    private final IntParam averagingPeriod;
    private final Param<String> checkpointDir;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final LongParam seed;
    private final BooleanParam shuffle;
    private transient List<TrainingListener> listeners = new ArrayList<>();

    public NnjClassifier() {
        this(Identifiable.randomUID("nnjClassifier"));
    }

    /** With a given uid: what Spark ML's reader and {@code copy} call. */
    public NnjClassifier(String uid) {
        this.uid = uid;
        modelSpec = new Param<>(this, "modelSpec", "the model: a catalog name (mlp) or an NNJ architecture as JSON");
        optimizer = new Param<>(this, "optimizer", "the optimizer's provider name (adam, sgd, ...)");
        learningRate = new DoubleParam(this, "learningRate", "the optimizer's learning rate", ParamValidators.gt(0));
        epochs = new IntParam(this, "epochs", "passes over the training data", ParamValidators.gtEq(1));
        batchSize = SparkParams.batchSize(this, "the global batch of a step; each partition takes its share");
        syncMode = new Param<>(this, "syncMode", "gradient (every step, exact) or parameter (average every"
                + " averagingPeriod local steps)", ParamValidators.inArray(new String[] {"gradient", "parameter"}));
        averagingPeriod = new IntParam(this, "averagingPeriod", "local steps between two averagings (parameter"
                + " mode)", ParamValidators.gtEq(1));
        checkpointDir = new Param<>(this, "checkpointDir", "where the driver writes a checkpoint after every round,"
                + " and resumes from one (a directory on the driver's file system)");
        featuresCol = SparkParams.featuresCol(this);
        labelCol = new Param<>(this, "labelCol", "the label column: class indices 0 to outputs - 1");
        predictionCol = SparkParams.predictionCol(this);
        probabilityCol = SparkParams.probabilityCol(this);
        seed = new LongParam(this, "seed", "the seed of the initial weights and of the shuffling");
        shuffle = new BooleanParam(this, "shuffle", "shuffle each partition's rows every epoch");
        setDefault(modelSpec, ModelSpec.MLP);
        setDefault(optimizer, "adam");
        setDefault(learningRate, 1e-3);
        setDefault(epochs, 5);
        setDefault(batchSize, 64);
        setDefault(syncMode, SyncMode.PARAMETER.id());
        setDefault(averagingPeriod, 16);
        setDefault(featuresCol, SparkParams.FEATURES);
        setDefault(labelCol, SparkParams.LABEL);
        setDefault(predictionCol, SparkParams.PREDICTION);
        setDefault(probabilityCol, SparkParams.PROBABILITY);
        setDefault(seed, 42L);
        setDefault(shuffle, true);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> modelSpec() {
        return modelSpec;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public IntParam epochs() {
        return epochs;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public Param<String> syncMode() {
        return syncMode;
    }

    public IntParam averagingPeriod() {
        return averagingPeriod;
    }

    public Param<String> checkpointDir() {
        return checkpointDir;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public LongParam seed() {
        return seed;
    }

    public BooleanParam shuffle() {
        return shuffle;
    }

    public NnjClassifier setModelSpec(String value) {
        set(modelSpec, value);
        return this;
    }

    public NnjClassifier setOptimizer(String value) {
        set(optimizer, value);
        return this;
    }

    public NnjClassifier setLearningRate(double value) {
        set(learningRate, value);
        return this;
    }

    public NnjClassifier setEpochs(int value) {
        set(epochs, value);
        return this;
    }

    public NnjClassifier setBatchSize(int value) {
        set(batchSize, value);
        return this;
    }

    public NnjClassifier setSyncMode(String value) {
        set(syncMode, value);
        return this;
    }

    public NnjClassifier setAveragingPeriod(int value) {
        set(averagingPeriod, value);
        return this;
    }

    public NnjClassifier setCheckpointDir(String value) {
        set(checkpointDir, value);
        return this;
    }

    public NnjClassifier setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    public NnjClassifier setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    public NnjClassifier setSeed(long value) {
        set(seed, value);
        return this;
    }

    public NnjClassifier setShuffle(boolean value) {
        set(shuffle, value);
        return this;
    }

    /** Adds a listener that sees every round ({@code onBatchEnd}) and epoch of the next {@link #fit}s. */
    public NnjClassifier addListener(TrainingListener listener) {
        listeners().add(listener);
        return this;
    }

    private List<TrainingListener> listeners() {
        if (listeners == null) {
            listeners = new ArrayList<>();
        }
        return listeners;
    }

    /** The settings these Params describe. */
    public TrainingSettings settings() {
        return new TrainingSettings($(optimizer), (Double) $(learningRate), (Integer) $(epochs), (Integer) $(batchSize),
                SyncMode.parse($(syncMode)), (Integer) $(averagingPeriod), (Long) $(seed), (Boolean) $(shuffle),
                isDefined(checkpointDir) ? $(checkpointDir) : null);
    }

    @Override
    public NnjClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> rows = dataset.toDF();
        DistributedTrainer trainer = new DistributedTrainer(settings(), listeners());
        Sequential model = trainer.fit(rows, new ModelSpec($(modelSpec)), $(featuresCol), $(labelCol));
        NnjClassificationModel fitted = new NnjClassificationModel(uid, ModelPayload.of(model, Replica.registries()))
                .setFeaturesCol($(featuresCol)).setPredictionCol($(predictionCol))
                .setProbabilityCol($(probabilityCol)).setBatchSize((Integer) $(batchSize));
        fitted.setParent(this);
        return fitted;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Sequential model = new ModelSpec($(modelSpec)).build(Replica.registries(), 0);
        InputCheck.checkFeatures(schema, $(featuresCol), model.inputShape().size());
        InputCheck.checkLabel(schema, $(labelCol), model.outputShape().size());
        return NnjClassificationModel.outputSchema(schema, $(predictionCol), $(probabilityCol));
    }

    @Override
    public NnjClassifier copy(ParamMap extra) {
        NnjClassifier copy = defaultCopy(extra);
        copy.listeners().addAll(listeners());
        return copy;
    }

    /** Spark ML's reader of a saved classifier (its Params). */
    public static MLReader<NnjClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static NnjClassifier load(String path) {
        return read().load(path);
    }
}
