package org.nnj.spark;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.nnj.core.train.ConfusionMatrix;

/**
 * Accuracy and the confusion matrix of predicted data (an {@link NnjClassificationModel}'s output): one
 * Spark aggregation (a count per label and prediction pair), whose few rows make nn-core's
 * {@link ConfusionMatrix} on the driver. {@link #evaluate} gives the accuracy, for Spark ML's tuning.
 */
public final class NnjClassificationEvaluator extends Evaluator implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;

    public NnjClassificationEvaluator() {
        this(Identifiable.randomUID("nnjEvaluator"));
    }

    public NnjClassificationEvaluator(String uid) {
        this.uid = uid;
        labelCol = new Param<>(this, "labelCol", "the true class indices");
        predictionCol = SparkParams.predictionCol(this);
        setDefault(labelCol, SparkParams.LABEL);
        setDefault(predictionCol, SparkParams.PREDICTION);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public NnjClassificationEvaluator setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    public NnjClassificationEvaluator setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    /** The fraction of rows whose prediction is their label. */
    @Override
    public double evaluate(Dataset<?> dataset) {
        return confusionMatrix(dataset).accuracy();
    }

    /** Counts per (label, prediction); the classes are 0 to the largest label or prediction seen. */
    public ConfusionMatrix confusionMatrix(Dataset<?> dataset) {
        Row[] counts = (Row[]) dataset.groupBy(col($(labelCol)).cast(DataTypes.IntegerType),
                col($(predictionCol)).cast(DataTypes.IntegerType)).count().collect();
        int classes = 1;
        for (Row r : counts) {
            classes = Math.max(classes, Math.max(r.getInt(0), r.getInt(1)) + 1);
        }
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        for (Row r : counts) {
            for (long i = 0; i < r.getLong(2); i++) {
                matrix.add(r.getInt(0), r.getInt(1));
            }
        }
        return matrix;
    }

    @Override
    public NnjClassificationEvaluator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<NnjClassificationEvaluator> read() {
        return new DefaultParamsReader<>();
    }

    public static NnjClassificationEvaluator load(String path) {
        return read().load(path);
    }
}
