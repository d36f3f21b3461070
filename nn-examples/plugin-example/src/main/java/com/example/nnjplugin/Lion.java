package com.example.nnjplugin;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.tensor.Tensor;

/**
 * Lion, "EvoLved Sign Momentum" (Chen et al., 2023), with the reference implementation's formula. For
 * each parameter, with its gradient {@code g} and momentum {@code m}:
 * <pre>
 *   w = w * (1 - lr * weight_decay)
 *   w = w - lr * sign(beta1 * m + (1 - beta1) * g)
 *   m = beta2 * m + (1 - beta2) * g</pre>
 * Every coordinate moves by exactly {@code lr} (or stays, where the sign is 0), so Lion wants a learning
 * rate 3 to 10 times smaller than Adam's.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}), {@code beta1} ({@value #DEFAULT_BETA1}),
 * {@code beta2} ({@value #DEFAULT_BETA2}), {@code weight_decay} (0). State: the momentum
 * {@code "<parameter>/exp_avg"} per parameter, the name PyTorch implementations use; it is all a resumed
 * run needs. Depends on nn-api alone: it keeps its own state rather than extend nn-optimizers' base class.
 */
public final class Lion implements Optimizer {
    /** The provider name. */
    public static final String TYPE = "lion";
    public static final double DEFAULT_LR = 1e-4;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.99;
    private static final String SLOT = "exp_avg";

    private double lr;
    private final double beta1;
    private final double beta2;
    private final double weightDecay;
    private final Map<String, Tensor> momentum = new LinkedHashMap<>();

    public Lion(double lr, double beta1, double beta2, double weightDecay) {
        checkLearningRate(lr, false);
        this.lr = lr;
        this.beta1 = checkBeta("beta1", beta1);
        this.beta2 = checkBeta("beta2", beta2);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new ConfigException(TYPE + ": 'weight_decay' must be zero or positive and finite, got " + weightDecay);
        }
        this.weightDecay = weightDecay;
    }

    private static double checkBeta(String key, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new ConfigException(TYPE + ": '" + key + "' must be in [0, 1), got " + beta);
        }
        return beta;
    }

    private static void checkLearningRate(double lr, boolean zeroAllowed) {
        if (!(zeroAllowed ? lr >= 0 : lr > 0) || Double.isInfinite(lr)) {
            throw new ConfigException(TYPE + ": 'lr' must be " + (zeroAllowed ? "zero or " : "") + "positive and"
                    + " finite, got " + lr);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Config config() {
        return Config.of("lr", lr, "beta1", beta1, "beta2", beta2, "weight_decay", weightDecay);
    }

    @Override
    public void step(ComputeBackend backend, List<Parameter> parameters) {
        // Check everything first, so a bad list changes nothing.
        Set<String> names = new HashSet<>();
        for (Parameter p : parameters) {
            if (!names.add(p.name())) {
                throw new ConfigException(TYPE + ": parameter name '" + p.name() + "' appears twice in the list;"
                        + " the state is kept by name");
            }
            Tensor m = momentum.get(p.name());
            if (m != null && !m.shape().equals(p.shape())) {
                throw new ShapeException(TYPE + ": the momentum of '" + p.name() + "' has shape " + m.shape()
                        + " but the parameter has shape " + p.shape() + "; was the state loaded from another model?");
            }
        }
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float rate = (float) lr;
        float decay = (float) (1 - lr * weightDecay);
        for (Parameter p : parameters) {
            Tensor m = momentum.computeIfAbsent(p.name(), k -> Tensor.zeros(p.shape()));
            float[] w = p.value().data();
            float[] g = p.gradient().data();
            float[] mv = m.data();
            int wo = p.value().offset();
            int go = p.gradient().offset();
            for (int i = 0, n = p.size(); i < n; i++) {
                float gi = g[go + i];
                float c = b1 * mv[i] + (1 - b1) * gi;
                w[wo + i] = w[wo + i] * decay - rate * Math.signum(c);
                mv[i] = b2 * mv[i] + (1 - b2) * gi;
            }
        }
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double learningRate) {
        checkLearningRate(learningRate, true);
        this.lr = learningRate;
    }

    @Override
    public OptimizerState saveState() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        momentum.forEach((name, m) -> tensors.put(name + "/" + SLOT, m));
        return new OptimizerState(tensors, Map.of());
    }

    /** Replaces the whole state, after checking all of it: only {@code "<parameter>/exp_avg"} tensors. */
    @Override
    public void loadState(OptimizerState state) {
        Objects.requireNonNull(state, "state");
        if (!state.scalars().isEmpty()) {
            throw new ConfigException(TYPE + " state: unexpected scalars " + new TreeMap<>(state.scalars()).keySet()
                    + "; Lion keeps only its momentum (is this another optimizer's state?)");
        }
        Map<String, Tensor> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.tensors().entrySet()) {
            String key = e.getKey();
            if (!key.endsWith("/" + SLOT) || key.length() == SLOT.length() + 1) {
                throw new ConfigException(TYPE + " state: unknown tensor '" + key + "'; Lion keeps '<parameter>/"
                        + SLOT + "' (is this another optimizer's state?)");
            }
            loaded.put(key.substring(0, key.length() - SLOT.length() - 1), e.getValue().copy());
        }
        momentum.clear();
        momentum.putAll(loaded);
    }

    @Override
    public String toString() {
        return TYPE + config();
    }
}
