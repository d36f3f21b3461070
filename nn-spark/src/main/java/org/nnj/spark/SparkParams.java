package org.nnj.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;

/** The Params that the estimator and its model share, built in one place so their names and docs agree. */
final class SparkParams {
    static final String FEATURES = "features";
    static final String LABEL = "label";
    static final String PREDICTION = "prediction";
    static final String PROBABILITY = "probability";

    private SparkParams() {
    }

    static Param<String> featuresCol(Identifiable owner) {
        return new Param<>(owner, "featuresCol", "the features column: array<float>, array<double> or vector of the"
                + " model's input size");
    }

    static Param<String> predictionCol(Identifiable owner) {
        return new Param<>(owner, "predictionCol", "the column the predicted class index (a double) goes to");
    }

    static Param<String> probabilityCol(Identifiable owner) {
        return new Param<>(owner, "probabilityCol", "the column the class probabilities (a vector) go to");
    }

    static IntParam batchSize(Identifiable owner, String doc) {
        return new IntParam(owner, "batchSize", doc, ParamValidators.gtEq(1));
    }
}
