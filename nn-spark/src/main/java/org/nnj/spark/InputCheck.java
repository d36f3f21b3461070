package org.nnj.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.nnj.api.ConfigException;

/**
 * Checks a data set against a model before any training or inference: the columns exist and have usable
 * types, every features row has the model's input size, every label is a class index of the model, and
 * there is at least one row. One small Spark job (an aggregation), and a one-line message that names the
 * column and the expected shape.
 */
final class InputCheck {
    private InputCheck() {
    }

    /** The schema checks alone (no job): for {@code transformSchema}. */
    static void checkFeatures(StructType schema, String features, int width) {
        DataType type = column(schema, features, expectedFeatures(features, width)).dataType();
        if (!isFeatureType(type)) {
            throw new ConfigException("column '" + features + "' is " + type.simpleString() + "; expected "
                    + "array<float>, array<double> or vector of " + width + " values per row");
        }
    }

    /** The schema checks of the label column. */
    static void checkLabel(StructType schema, String label, int classes) {
        DataType type = column(schema, label, expectedLabel(label, classes)).dataType();
        if (!(type instanceof NumericType)) {
            throw new ConfigException("column '" + label + "' is " + type.simpleString() + "; expected a number,"
                    + " a class index 0 to " + (classes - 1));
        }
    }

    /**
     * Every check, with one aggregation job over {@code data}; returns the number of rows.
     *
     * @throws ConfigException naming the column and the expected shape
     */
    static long check(Dataset<Row> data, String features, String label, int width, int classes) {
        StructType schema = data.schema();
        checkFeatures(schema, features, width);
        checkLabel(schema, label, classes);
        Column length = size(featureArray(schema, features));
        Column labels = col(label);
        Row r = data.agg(count(lit(1)), min(length), max(length), min(labels), max(labels),
                sum(when(labels.isNull().or(labels.notEqual(labels.cast(DataTypes.LongType))), 1).otherwise(0)),
                sum(when(col(features).isNull(), 1).otherwise(0))).first();
        long rows = r.getLong(0);
        if (rows == 0) {
            throw new ConfigException("the data set is empty; expected rows with " + expectedFeatures(features, width)
                    + " and " + expectedLabel(label, classes));
        }
        if (!r.isNullAt(6) && r.getLong(6) > 0) {
            throw new ConfigException("column '" + features + "' is null in " + r.getLong(6) + " rows; expected "
                    + width + " values per row");
        }
        int shortest = r.getInt(1);
        int longest = r.getInt(2);
        if (shortest != width || longest != width) {
            throw new ConfigException("column '" + features + "' must hold " + width + " values per row (the"
                    + " model's input size), found rows of " + (shortest == longest ? shortest + ""
                    : shortest + " to " + longest) + " values");
        }
        if (!r.isNullAt(5) && r.getLong(5) > 0) {
            throw new ConfigException("column '" + label + "' holds " + r.getLong(5) + " values that are null or"
                    + " not whole numbers; expected class indices 0 to " + (classes - 1));
        }
        double lowest = ((Number) r.get(3)).doubleValue();
        double highest = ((Number) r.get(4)).doubleValue();
        if (lowest < 0 || highest > classes - 1) {
            throw new ConfigException("column '" + label + "' must hold class indices 0 to " + (classes - 1)
                    + " (the model has " + classes + " outputs), found " + (long) lowest + " to " + (long) highest);
        }
        return rows;
    }

    /** The features as an array column, whatever their type (a vector is converted). */
    static Column featureArray(StructType schema, String features) {
        DataType type = schema.apply(features).dataType();
        return type.equals(SQLDataTypes.VectorType()) ? functions.vector_to_array(col(features), "float32")
                : col(features);
    }

    static boolean isFeatureType(DataType type) {
        if (type.equals(SQLDataTypes.VectorType())) {
            return true;
        }
        return type instanceof ArrayType a && (a.elementType().equals(DataTypes.FloatType)
                || a.elementType().equals(DataTypes.DoubleType));
    }

    private static org.apache.spark.sql.types.StructField column(StructType schema, String name, String expected) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new ConfigException("column '" + name + "' is missing (the data has " + Arrays.toString(schema.fieldNames())
                    + "); expected " + expected);
        }
        return schema.apply(name);
    }

    private static String expectedFeatures(String features, int width) {
        return "column '" + features + "' of array<float> or vector with " + width + " values per row";
    }

    private static String expectedLabel(String label, int classes) {
        return "column '" + label + "' of class indices 0 to " + (classes - 1);
    }
}
