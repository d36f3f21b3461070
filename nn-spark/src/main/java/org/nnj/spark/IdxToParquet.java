package org.nnj.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.InMemoryDataset;

/**
 * Converts an IDX image file and its label file (Fashion-MNIST's format, gzipped or not) to Parquet with
 * the columns NnjClassifier reads by default: {@code features} ({@code array<float>}, the pixels scaled to
 * [0, 1] row by row, as {@code ./nn train} scales them) and {@code label} (int).
 */
public final class IdxToParquet {
    /** The schema of the files written. */
    public static final StructType SCHEMA = new StructType()
            .add(SparkParams.FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add(SparkParams.LABEL, DataTypes.IntegerType, false);

    private IdxToParquet() {
    }

    /**
     * Reads the IDX pair and writes {@code out} (replacing it) in {@code partitions} files; returns the rows.
     *
     * @throws IOException when a file cannot be read, or {@link org.nnj.api.DataFormatException} naming the
     *                     file and the offset when it is not a valid IDX pair
     */
    public static long convert(SparkSession spark, Path images, Path labels, String out, int partitions)
            throws IOException {
        InMemoryDataset data = FashionMnist.load(images, labels, true);
        int width = data.featureShape().size();
        List<Row> rows = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            float[] features = new float[width];
            data.copyFeatures(i, features, 0);
            rows.add(RowFactory.create(features, data.label(i)));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        spark.createDataFrame(jsc.parallelize(rows, partitions), SCHEMA).write().mode(SaveMode.Overwrite).parquet(out);
        return rows.size();
    }
}
