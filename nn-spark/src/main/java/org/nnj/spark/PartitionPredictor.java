package org.nnj.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nnj.api.ConfigException;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.InferencePass;
import org.nnj.core.model.Sequential;

/**
 * Streams one partition through a model, {@code batch} rows at a time: it holds one batch of rows and one
 * feature buffer, never the partition, and hands each input row back with its prediction (the arg-max class,
 * as a double) and probabilities (the softmax of the outputs) appended. Its own inference pass; the model is
 * shared with the executor's other tasks.
 */
final class PartitionPredictor implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final int featureIndex;
    private final int width;
    private final int classes;
    private final InferencePass pass;
    private final float[] features;
    private final List<Row> pending;
    private final int batch;
    private double[][] probabilities = new double[0][];
    private int next;

    PartitionPredictor(Sequential model, Iterator<Row> rows, int featureIndex, int batch) {
        this.rows = rows;
        this.featureIndex = featureIndex;
        this.batch = batch;
        this.width = model.inputShape().size();
        this.classes = model.outputShape().size();
        this.pass = model.newInferencePass(Replica.backend());
        this.features = new float[batch * width];
        this.pending = new ArrayList<>(batch);
    }

    @Override
    public boolean hasNext() {
        if (next < pending.size()) {
            return true;
        }
        fill();
        return !pending.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = pending.get(next);
        double[] p = probabilities[next++];
        Object[] values = new Object[row.size() + 2];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        values[row.size()] = (double) argMax(p);
        values[row.size() + 1] = new DenseVector(p);
        return RowFactory.create(values);
    }

    private void fill() {
        pending.clear();
        next = 0;
        while (pending.size() < batch && rows.hasNext()) {
            Row row = rows.next();
            copyFeatures(row.get(featureIndex), pending.size());
            pending.add(row);
        }
        if (pending.isEmpty()) {
            return;
        }
        int n = pending.size();
        Tensor out = pass.run(Tensor.wrap(features, 0, model().inputShape().withBatch(n)));
        probabilities = new double[n][];
        float[] data = out.data();
        for (int r = 0; r < n; r++) {
            probabilities[r] = softmax(data, out.offset() + r * classes, classes);
        }
    }

    private Sequential model() {
        return pass.model();
    }

    private void copyFeatures(Object value, int row) {
        int at = row * width;
        if (value instanceof Vector v) {
            checkWidth(v.size());
            for (int i = 0; i < width; i++) {
                features[at + i] = (float) v.apply(i);
            }
            return;
        }
        if (value == null) {
            throw new ConfigException("the features column is null in a row; expected " + width + " values");
        }
        scala.collection.Seq<?> values = (scala.collection.Seq<?>) value;
        checkWidth(values.size());
        for (int i = 0; i < width; i++) {
            features[at + i] = ((Number) values.apply(i)).floatValue();
        }
    }

    private void checkWidth(int size) {
        if (size != width) {
            throw new ConfigException("the features column holds a row of " + size + " values; the model"
                    + " expects " + width);
        }
    }

    static double[] softmax(float[] logits, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[from + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static int argMax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
