package org.nnj.spark;

import java.io.Serializable;

/**
 * What the partitions of one round send back, summed by Spark's tree aggregation: the gradients (gradient
 * averaging) or the weights and optimizer state times the rows trained (parameter averaging), plus the loss
 * and accuracy figures for the log. The arrays are created by the first partition that adds to them, so the
 * zero value Spark ships with every task is a few bytes, not a model.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 1L;

    float[] sum;
    float[] stateSum;
    long rows;
    double lossSum;
    long correct;
    /** Parameter averaging: the sum of the rows each partition's weights stand for. */
    double weight;
    /** The optimizer state's layout (keys and sizes), from the first partition; and its scalars' sum. */
    String[] stateKeys;
    int[][] stateDims;
    String[] scalarKeys;
    double[] scalarSum;

    /** Adds {@code values * factor} into {@code target}, creating it on first use; returns it. */
    static float[] addScaled(float[] target, float[] values, float factor) {
        if (values == null) {
            return target;
        }
        if (target == null) {
            target = new float[values.length];
        }
        if (target.length != values.length) {
            throw new IllegalStateException("partitions returned " + target.length + " and " + values.length
                    + " values");
        }
        for (int i = 0; i < values.length; i++) {
            target[i] += values[i] * factor;
        }
        return target;
    }

    /** This plus {@code other}, in place: Spark's combine step. */
    StepResult merge(StepResult other) {
        sum = addScaled(sum, other.sum, 1f);
        stateSum = addScaled(stateSum, other.stateSum, 1f);
        rows += other.rows;
        lossSum += other.lossSum;
        correct += other.correct;
        weight += other.weight;
        if (stateKeys == null) {
            stateKeys = other.stateKeys;
            stateDims = other.stateDims;
            scalarKeys = other.scalarKeys;
            scalarSum = other.scalarSum;
        } else if (other.scalarSum != null) {
            for (int i = 0; i < scalarSum.length; i++) {
                scalarSum[i] += other.scalarSum[i];
            }
        }
        return this;
    }
}
