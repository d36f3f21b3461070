package org.nnj.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import scala.Option;

/**
 * The model an {@link NnjClassifier} fits: a Spark ML {@link Model} whose {@link #transform} adds a
 * {@code prediction} column (the class index, a double, as Spark ML's classifiers do) and a
 * {@code probability} column (a vector of the softmax of the outputs).
 *
 * <p>The model is broadcast once per {@code transform}; every executor builds it once and its tasks stream
 * their partition through it {@code batchSize} rows at a time (see {@link PartitionPredictor}). Saved with
 * {@code write().save(path)}: Spark ML's metadata (the Params) plus the model as an NNJ model file,
 * {@value #MODEL_FILE}, which {@code ./nn predict} and {@code ModelFile.load} read too.
 */
public final class NnjClassificationModel extends Model<NnjClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The NNJ model file inside a saved model's directory. */
    public static final String MODEL_FILE = "model.safetensors";

    private final String uid;
    private final ModelPayload payload;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final IntParam batchSize;

    NnjClassificationModel(String uid, ModelPayload payload) {
        this.uid = uid;
        this.payload = payload;
        featuresCol = SparkParams.featuresCol(this);
        predictionCol = SparkParams.predictionCol(this);
        probabilityCol = SparkParams.probabilityCol(this);
        batchSize = SparkParams.batchSize(this, "rows per inference batch");
        setDefault(featuresCol, SparkParams.FEATURES);
        setDefault(predictionCol, SparkParams.PREDICTION);
        setDefault(probabilityCol, SparkParams.PROBABILITY);
        setDefault(batchSize, 256);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public NnjClassificationModel setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    public NnjClassificationModel setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public NnjClassificationModel setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public NnjClassificationModel setBatchSize(int value) {
        set(batchSize, value);
        return this;
    }

    /** The trained NNJ model (a new copy, built on the caller's thread). */
    public Sequential model() {
        return payload.build(Replica.registries());
    }

    /** {@code schema} with the prediction (double) and probability (vector) columns added. */
    static StructType outputSchema(StructType schema, String prediction, String probability) {
        return schema.add(prediction, DataTypes.DoubleType, false).add(probability, SQLDataTypes.VectorType(), false);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        InputCheck.checkFeatures(schema, $(featuresCol), payload.weights().length == 0 ? 0 : inputSize());
        return outputSchema(schema, $(predictionCol), $(probabilityCol));
    }

    private int inputSize() {
        return model().inputShape().size();
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> rows = dataset.toDF();
        Broadcast<ModelPayload> shared = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
                .broadcast(payload);
        int features = dataset.schema().fieldIndex($(featuresCol));
        int batch = (Integer) $(batchSize);
        MapPartitionsFunction<Row, Row> predict = partition -> new PartitionPredictor(
                ModelPayload.cached(shared.id(), shared.value()), partition, features, batch);
        return rows.mapPartitions(predict, Encoders.row(out));
    }

    @Override
    public NnjClassificationModel copy(ParamMap extra) {
        NnjClassificationModel copy = new NnjClassificationModel(uid, payload);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Spark ML's reader of a saved model. */
    public static MLReader<NnjClassificationModel> read() {
        return new Reader();
    }

    public static NnjClassificationModel load(String path) {
        return read().load(path);
    }

    /** Writes the Params as Spark ML metadata and the model as an NNJ model file beside them. */
    private static final class Writer extends MLWriter {
        private final NnjClassificationModel instance;

        Writer(NnjClassificationModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
            Path local = null;
            try {
                local = Files.createTempFile("nnj-model", ".safetensors");
                ModelFile.save(local, instance.model());
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
                FileSystem fs = target.getFileSystem(sc().hadoopConfiguration());
                fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the model to " + path + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(local);
            }
        }
    }

    /** Reads what {@link Writer} wrote. */
    private static final class Reader extends MLReader<NnjClassificationModel> {
        @Override
        public NnjClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata = org.apache.spark.ml.util.DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    NnjClassificationModel.class.getName());
            Path local = null;
            try {
                local = Files.createTempFile("nnj-model", ".safetensors");
                org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
                FileSystem fs = source.getFileSystem(sc().hadoopConfiguration());
                fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
                Sequential model = ModelFile.load(local, Replica.registries());
                NnjClassificationModel loaded = new NnjClassificationModel(metadata.uid(),
                        ModelPayload.of(model, Replica.registries()));
                metadata.getAndSetParams(loaded, Option.empty());
                return loaded;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the model from " + path + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(local);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind is harmless.
            }
        }
    }
}
