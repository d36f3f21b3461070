package org.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.ConfigException;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.train.TrainingListener;
import org.nnj.core.train.TrainingPlan;

/**
 * Bad input fails before training, with one line that names the column and the expected shape; good input
 * in its other forms (a vector column, Parquet converted from the IDX files) trains and predicts.
 */
@SparkJdk
class InputCheckTest {

    /** Fails the test if training starts. */
    static final class NoTraining implements TrainingListener {
        boolean started;

        @Override
        public void onTrainingStart(TrainingPlan plan) {
            started = true;
        }
    }

    private static String failure(Dataset<Row> data) {
        NoTraining listener = new NoTraining();
        ConfigException e = assertThrows(ConfigException.class,
                () -> new NnjClassifier().setEpochs(1).addListener(listener).fit(data));
        assertFalse(listener.started, "training started before the check");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static Dataset<Row> frame(StructType schema, List<Row> rows) {
        return TestSpark.session().createDataFrame(rows, schema);
    }

    @Test
    void aMissingColumnIsNamedWithTheExpectedShape() throws Exception {
        Dataset<Row> data = TestSpark.frame(TestSpark.fashion("t10k", 8), 1).withColumnRenamed("features", "pixels");
        String message = failure(data);
        assertTrue(message.startsWith("column 'features' is missing (the data has [pixels, label])"), message);
        assertTrue(message.contains("784 values per row"), message);
    }

    @Test
    void featuresOfTheWrongLengthAreNamedWithTheExpectedLength() {
        List<Row> rows = List.of(RowFactory.create(new float[10], 1), RowFactory.create(new float[784], 2));
        String message = failure(frame(TestSpark.SCHEMA, rows));
        assertEquals("column 'features' must hold 784 values per row (the model's input size), found rows of 10 to 784"
                + " values", message);
    }

    @Test
    void aLabelOutOfRangeIsNamedWithTheClasses() {
        List<Row> rows = List.of(RowFactory.create(new float[784], 3), RowFactory.create(new float[784], 12));
        String message = failure(frame(TestSpark.SCHEMA, rows));
        assertEquals("column 'label' must hold class indices 0 to 9 (the model has 10 outputs), found 3 to 12", message);
    }

    @Test
    void anEmptyDataSetIsRefused() {
        String message = failure(frame(TestSpark.SCHEMA, List.of()));
        assertEquals("the data set is empty; expected rows with column 'features' of array<float> or vector with 784"
                + " values per row and column 'label' of class indices 0 to 9", message);
    }

    @Test
    void aFeaturesColumnOfAnotherTypeIsNamed() {
        StructType schema = new StructType().add("features", DataTypes.StringType).add("label", DataTypes.IntegerType);
        String message = failure(frame(schema, List.of(RowFactory.create("x", 1))));
        assertEquals("column 'features' is string; expected array<float>, array<double> or vector of 784 values per row",
                message);
    }

    @Test
    void vectorFeaturesTrainAndPredict() throws Exception {
        InMemoryDataset data = TestSpark.fashion("t10k", 256);
        List<Row> rows = new ArrayList<>();
        double[] pixels = new double[784];
        float[] buffer = new float[784];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, buffer, 0);
            for (int j = 0; j < 784; j++) {
                pixels[j] = buffer[j];
            }
            rows.add(RowFactory.create(Vectors.dense(pixels.clone()), (double) data.label(i)));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        Dataset<Row> frame = frame(schema, rows);
        NnjClassificationModel model = new NnjClassifier().setEpochs(1).setSyncMode("gradient").fit(frame);
        assertEquals(256, model.transform(frame).select("prediction").count());
    }

    @Test
    void theIdxFilesConvertToParquet(@TempDir Path dir) throws Exception {
        String out = dir.resolve("t10k.parquet").toString();
        long written = IdxToParquet.convert(TestSpark.session(), TestSpark.DATA.resolve("t10k-images-idx3-ubyte.gz"),
                TestSpark.DATA.resolve("t10k-labels-idx1-ubyte.gz"), out, 2);
        InMemoryDataset expected = TestSpark.fashion("t10k", Integer.MAX_VALUE);
        assertEquals(expected.size(), written);
        Dataset<Row> read = TestSpark.session().read().parquet(out);
        assertEquals(IdxToParquet.SCHEMA.simpleString(), read.schema().simpleString());
        assertEquals(expected.size(), read.count());
        Row first = read.orderBy(read.col("label")).limit(1).collectAsList().get(0);
        assertEquals(784, first.getList(0).size());
    }
}
