package org.nnj.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.InMemoryDataset;

/** The one {@code local[2]} Spark session of the module's tests, and the project's shipped Fashion-MNIST subset. */
final class TestSpark {
    /** The subset that nn-examples ships (and ./nn train uses by default). */
    static final Path DATA = Path.of("..", "nn-examples", "src", "main", "resources", "org", "nnj", "examples", "data");
    static final StructType SCHEMA = new StructType()
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("label", DataTypes.IntegerType, false);

    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("nn-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    static JavaSparkContext jsc() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    /** The first {@code limit} images of a split, flattened to 784 values in [0, 1]. */
    static InMemoryDataset fashion(String split, int limit) throws IOException {
        return FashionMnist.loadSplit(DATA, split, true, limit);
    }

    /** The rows of {@code data} as a DataFrame of {@link #SCHEMA} in {@code partitions} equal, consecutive slices. */
    static Dataset<Row> frame(InMemoryDataset data, int partitions) {
        return session().createDataFrame(jsc().parallelize(rows(data), partitions), SCHEMA);
    }

    static List<Row> rows(InMemoryDataset data) {
        int width = data.featureShape().size();
        List<Row> rows = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            float[] features = new float[width];
            data.copyFeatures(i, features, 0);
            rows.add(RowFactory.create(features, data.label(i)));
        }
        return rows;
    }
}
