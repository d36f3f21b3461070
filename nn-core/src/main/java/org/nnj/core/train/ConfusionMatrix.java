package org.nnj.core.train;

import org.nnj.api.ConfigException;

/**
 * Counts of (true class, predicted class) pairs over a data set: row {@code t}, column {@code p} is the
 * number of examples of class {@code t} that the model called {@code p}, so the diagonal holds the right
 * predictions and each row sums to the examples of its class. {@link Trainer#evaluate(
 * org.nnj.core.data.Dataset, ConfusionMatrix)} fills one with the same arg-max rule as the accuracy it
 * reports (see {@link EpochMetrics}), so {@link #accuracy()} equals that accuracy. Not thread-safe.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    /** An empty matrix for {@code classes} classes (at least 2). */
    public ConfusionMatrix(int classes) {
        if (classes < 2) {
            throw new ConfigException("a confusion matrix needs at least 2 classes, got " + classes);
        }
        this.counts = new long[classes][classes];
    }

    public int classes() {
        return counts.length;
    }

    /** Counts one example of class {@code truth} predicted as {@code predicted}. */
    public void add(int truth, int predicted) {
        check("true class", truth);
        check("predicted class", predicted);
        counts[truth][predicted]++;
    }

    /** The examples of class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        check("true class", truth);
        check("predicted class", predicted);
        return counts[truth][predicted];
    }

    /** A copy of the counts, {@code [truth][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** All examples counted. */
    public long total() {
        long sum = 0;
        for (long[] row : counts) {
            for (long v : row) {
                sum += v;
            }
        }
        return sum;
    }

    /** The examples on the diagonal: predicted right. */
    public long correct() {
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += counts[i][i];
        }
        return sum;
    }

    /** {@link #correct()} over {@link #total()}; NaN when empty. */
    public double accuracy() {
        long total = total();
        return total == 0 ? Double.NaN : (double) correct() / total;
    }

    /** The examples of class {@code truth}: the sum of its row. */
    public long support(int truth) {
        check("true class", truth);
        long sum = 0;
        for (long v : counts[truth]) {
            sum += v;
        }
        return sum;
    }

    /** The share of class {@code c}'s examples predicted as {@code c} (its row's diagonal); NaN without any. */
    public double recall(int c) {
        long support = support(c);
        return support == 0 ? Double.NaN : (double) counts[c][c] / support;
    }

    /** The share of the predictions of {@code c} that were right (its column's diagonal); NaN without any. */
    public double precision(int c) {
        check("class", c);
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) counts[c][c] / predicted;
    }

    private void check(String what, int c) {
        if (c < 0 || c >= counts.length) {
            throw new IndexOutOfBoundsException(what + " " + c + " is outside 0.." + (counts.length - 1));
        }
    }
}
