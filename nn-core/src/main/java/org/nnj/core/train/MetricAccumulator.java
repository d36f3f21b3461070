package org.nnj.core.train;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.Batch;

/**
 * Sums the loss and counts the right predictions over the batches of an epoch or an evaluation.
 *
 * <p>A prediction is right when, for a single output, the probability and the target are on the same
 * side of 0.5; for several outputs, when the arg-max of the probabilities is the example's label (or, for
 * a data set without labels, the arg-max of its target).
 */
final class MetricAccumulator {
    private final Loss loss;
    private final ComputeBackend backend;
    private final Tensor probabilities;
    private double lossSum;
    private long correct;
    private long samples;
    private double lastAccuracy = Double.NaN;
    private ConfusionMatrix confusion; // null unless asked for

    /**
     * Also counts every prediction into {@code matrix} (null for none), with the rule that decides the
     * accuracy: a single output counts as two classes, 0 and 1.
     */
    void countInto(ConfusionMatrix matrix) {
        this.confusion = matrix;
    }

    /** For batches of at most {@code maxRows} outputs of {@code outputShape}. */
    MetricAccumulator(Loss loss, ComputeBackend backend, Shape outputShape, int maxRows) {
        this.loss = loss;
        this.backend = backend;
        this.probabilities = Tensor.zeros(outputShape.withBatch(maxRows));
    }

    void reset() {
        lossSum = 0;
        correct = 0;
        samples = 0;
        lastAccuracy = Double.NaN;
    }

    /** Adds a batch whose mean loss was {@code batchLoss} and whose model outputs are {@code predictions}. */
    void add(float batchLoss, Tensor predictions, Batch batch) {
        int rows = batch.size();
        Tensor probs = probabilities.slice(0, rows);
        loss.probabilities(backend, predictions, probs);
        lossSum += (double) batchLoss * rows;
        int right = countCorrect(probs, batch);
        correct += right;
        samples += rows;
        lastAccuracy = rows == 0 ? Double.NaN : (double) right / rows;
    }

    /** The fraction of the last batch's examples predicted right (NaN before any). */
    double lastBatchAccuracy() {
        return lastAccuracy;
    }

    /** The mean loss per example so far (NaN before any). */
    double meanLoss() {
        return samples == 0 ? Double.NaN : lossSum / samples;
    }

    /** The fraction of examples predicted right so far (NaN before any). */
    double accuracy() {
        return samples == 0 ? Double.NaN : (double) correct / samples;
    }

    long samples() {
        return samples;
    }

    private int countCorrect(Tensor probs, Batch batch) {
        int rows = batch.size();
        int width = rows == 0 ? 0 : probs.size() / rows;
        float[] p = probs.data();
        float[] t = batch.targets().data();
        int po = probs.offset();
        int to = batch.targets().offset();
        int right = 0;
        for (int r = 0; r < rows; r++) {
            int truth;
            int predicted;
            if (width == 1) {
                truth = t[to + r] > 0.5f ? 1 : 0;
                predicted = p[po + r] > 0.5f ? 1 : 0;
            } else {
                int label = batch.labels()[r];
                truth = label >= 0 ? label : argMax(t, to + r * width, width);
                predicted = argMax(p, po + r * width, width);
            }
            if (predicted == truth) {
                right++;
            }
            if (confusion != null) {
                confusion.add(truth, predicted);
            }
        }
        return right;
    }

    /** The index of the largest of {@code n} values from {@code off}; the first one on ties. */
    private static int argMax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[off + i] > x[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
