package org.nnj.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * An optimizer's state as flat arrays (its tensors one after the other, its scalars), so that parameter
 * averaging can broadcast it with the weights and sum it in the same tree aggregation.
 */
record FlatState(String[] keys, int[][] dims, float[] values, String[] scalarKeys, double[] scalars)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static FlatState of(OptimizerState state) {
        Map<String, Tensor> tensors = state.tensors();
        String[] keys = tensors.keySet().toArray(new String[0]);
        int[][] dims = new int[keys.length][];
        int size = 0;
        for (int i = 0; i < keys.length; i++) {
            dims[i] = tensors.get(keys[i]).shape().dims();
            size += tensors.get(keys[i]).size();
        }
        float[] values = new float[size];
        int at = 0;
        for (String key : keys) {
            Tensor t = tensors.get(key);
            System.arraycopy(t.data(), t.offset(), values, at, t.size());
            at += t.size();
        }
        String[] scalarKeys = state.scalars().keySet().toArray(new String[0]);
        double[] scalars = new double[scalarKeys.length];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = state.scalars().get(scalarKeys[i]);
        }
        return new FlatState(keys, dims, values, scalarKeys, scalars);
    }

    boolean isEmpty() {
        return keys.length == 0 && scalarKeys.length == 0;
    }

    /** The state with every value divided by {@code weight} (the sum of the weights it was summed with). */
    static OptimizerState averaged(String[] keys, int[][] dims, float[] sum, String[] scalarKeys, double[] scalarSum,
                                   double weight) {
        if (keys == null) {
            return OptimizerState.empty();
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int at = 0;
        for (int i = 0; i < keys.length; i++) {
            Shape shape = Shape.of(dims[i]);
            float[] values = new float[shape.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) (sum[at + j] / weight);
            }
            tensors.put(keys[i], Tensor.wrap(values, shape));
            at += values.length;
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (int i = 0; i < scalarKeys.length; i++) {
            scalars.put(scalarKeys[i], scalarSum[i] / weight);
        }
        return new OptimizerState(tensors, scalars);
    }
}
