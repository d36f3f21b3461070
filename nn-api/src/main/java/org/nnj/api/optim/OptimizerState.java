package org.nnj.api.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nnj.api.ConfigException;
import org.nnj.api.tensor.Tensor;

/**
 * A snapshot of an optimizer's state: named tensors (keys such as {@code "0.weight/exp_avg"}, the
 * parameter name, a slash and the slot) and named scalars (such as {@code "step"}). Holds copies, so a
 * snapshot does not change when training goes on.
 */
public final class OptimizerState {
    private final Map<String, Tensor> tensors;
    private final Map<String, Double> scalars;

    public OptimizerState(Map<String, Tensor> tensors, Map<String, Double> scalars) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        tensors.forEach((k, v) -> copy.put(k, v.copy()));
        this.tensors = Collections.unmodifiableMap(copy);
        this.scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    public static OptimizerState empty() {
        return new OptimizerState(Map.of(), Map.of());
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Map<String, Double> scalars() {
        return scalars;
    }

    /** The tensor under {@code key}; the message lists the keys that are there when it is missing. */
    public Tensor tensor(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new ConfigException("optimizer state has no tensor '" + key + "'; it has "
                    + new TreeMap<>(tensors).keySet());
        }
        return t;
    }

    /** The scalar under {@code key}, or {@code defaultValue}. */
    public double scalar(String key, double defaultValue) {
        return scalars.getOrDefault(key, defaultValue);
    }
}
