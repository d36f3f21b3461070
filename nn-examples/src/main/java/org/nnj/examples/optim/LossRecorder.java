package org.nnj.examples.optim;

import java.util.ArrayList;
import java.util.List;
import org.nnj.core.train.TrainingListener;
import org.nnj.core.train.TrainingPlan;

/**
 * Records the loss of every mini-batch of a {@link org.nnj.core.train.Trainer#fit} run. The trainer tells
 * listeners the epoch's running mean after each step; since that mean weighs every example alike and
 * the batches are filled in order (all full but the last), the loss of step {@code s} is
 * {@code (mean_s * n_s - mean_{s-1} * n_{s-1}) / (n_s - n_{s-1})}, with {@code n_s} the examples seen so
 * far in the epoch. Exact up to double rounding.
 */
final class LossRecorder implements TrainingListener {
    private final List<Double> losses = new ArrayList<>();
    private TrainingPlan plan;
    private double previousSum;
    private long previousCount;

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        this.plan = plan;
    }

    @Override
    public void onEpochStart(int epoch) {
        previousSum = 0;
        previousCount = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
        long count = Math.min((long) step * plan.batchSize(), plan.samples());
        double sum = runningLoss * count;
        losses.add((sum - previousSum) / (count - previousCount));
        previousSum = sum;
        previousCount = count;
    }

    /** The loss of each step so far, in order, over all epochs. */
    List<Double> losses() {
        return List.copyOf(losses);
    }

    /**
     * An exponential moving average with bias correction, as TensorBoard smooths: {@code s = beta s + (1 -
     * beta) x}, shown as {@code s / (1 - beta^t)}, so that the first points are not pulled towards zero.
     * Each point weighs the steps before it with a time constant of about {@code 1 / (1 - beta)} steps, and
     * a spike fades out instead of dropping out of a window.
     */
    static double[] smoothed(List<Double> values, double beta) {
        double[] out = new double[values.size()];
        double s = 0;
        double weight = 1;
        for (int i = 0; i < out.length; i++) {
            s = beta * s + (1 - beta) * values.get(i);
            weight *= beta;
            out[i] = s / (1 - weight);
        }
        return out;
    }
}
