package com.example.nnjplugin;

import org.nnj.api.ConfigException;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.config.Config;

/**
 * Swish (Ramachandran, Zoph and Le, 2017), {@code f(x) = x * sigmoid(beta * x)}; with {@code beta = 1}
 * it is SiLU. Its derivative, with {@code s = sigmoid(beta * x)}, is {@code s + beta * x * s * (1 - s)}.
 *
 * <p>Extending {@link ElementwiseActivation} means giving the scalar function and its derivative; the
 * base class applies them to whole tensors. Stateless, so thread-safe.
 */
public final class Swish extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "swish";
    public static final double DEFAULT_BETA = 1.0;

    private final double beta;

    public Swish(double beta) {
        if (!Double.isFinite(beta)) {
            throw new ConfigException(TYPE + ": 'beta' must be a finite number, got " + beta);
        }
        this.beta = beta;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** {@code {beta}}: what rebuilds this activation from a model file. */
    @Override
    public Config config() {
        return Config.of("beta", beta);
    }

    @Override
    public float apply(float x) {
        return (float) (x * sigmoid(beta * x));
    }

    @Override
    public float derivative(float x, float y) {
        double s = sigmoid(beta * x);
        return (float) (s + beta * x * s * (1 - s));
    }

    /** Without overflow for large {@code |z|}: {@code exp} only of a non-positive number. */
    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
