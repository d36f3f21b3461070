package org.nnj.spark;

import org.nnj.core.train.EpochMetrics;

/**
 * One epoch's running loss and accuracy over the rounds done so far, summed from the rounds' results: what
 * {@link DistributedTrainer} gives its listeners after each round and at the end of the epoch.
 */
final class EpochTally {
    private final int epoch;
    private final long startNanos = System.nanoTime();
    private double lossSum;
    private long rows;
    private long correct;

    EpochTally(int epoch) {
        this.epoch = epoch;
    }

    void add(StepResult round) {
        lossSum += round.lossSum;
        rows += round.rows;
        correct += round.correct;
    }

    /** The mean loss per row so far; NaN before any row. */
    double runningLoss() {
        return rows == 0 ? Double.NaN : lossSum / rows;
    }

    /** The epoch's metrics as they stand (no validation: the distributed trainer has none). */
    EpochMetrics metrics() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new EpochMetrics(epoch, runningLoss(), rows == 0 ? Double.NaN : (double) correct / rows,
                Double.NaN, Double.NaN, seconds > 0 ? rows / seconds : Double.POSITIVE_INFINITY, seconds);
    }
}
