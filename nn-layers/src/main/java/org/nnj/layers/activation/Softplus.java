package org.nnj.layers.activation;

import org.nnj.api.ConfigException;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.math.ActivationFunctions;
import org.nnj.api.tensor.Tensor;

/**
 * A smooth ReLU, {@code log(1 + exp(beta * x)) / beta}, and {@code x} itself where {@code beta * x > threshold}
 * (for numerical stability), as {@code torch.nn.Softplus}; the derivative is {@code sigmoid(beta * x)}, or 1
 * above the threshold. Provider name {@code "softplus"}, config keys {@code beta} (default
 * {@value #DEFAULT_BETA}, above 0) and {@code threshold} (default {@value #DEFAULT_THRESHOLD}), finite floats.
 */
public final class Softplus extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "softplus";
    /** PyTorch's default. */
    public static final double DEFAULT_BETA = 1.0;
    /** PyTorch's default. */
    public static final double DEFAULT_THRESHOLD = 20.0;

    private final double beta;
    private final double threshold;
    private final float betaF;
    private final float thresholdF;

    /** Softplus with PyTorch's defaults, {@code beta = 1} and {@code threshold = 20}. */
    public Softplus() {
        this(DEFAULT_BETA, DEFAULT_THRESHOLD);
    }

    /**
     * @throws ConfigException when {@code beta} is not above 0 or either is not a finite float
     */
    public Softplus(double beta, double threshold) {
        this.betaF = ActivationChecks.finiteFloat(TYPE, "beta", beta);
        if (!(betaF > 0)) {
            throw new ConfigException("softplus: 'beta' must be above 0, got " + beta);
        }
        this.thresholdF = ActivationChecks.finiteFloat(TYPE, "threshold", threshold);
        this.beta = beta;
        this.threshold = threshold;
    }

    public double beta() {
        return beta;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Config config() {
        return Config.of("beta", beta, "threshold", threshold);
    }

    @Override
    public float apply(float x) {
        return (float) ActivationFunctions.softplus(x, betaF, thresholdF);
    }

    @Override
    public float derivative(float x, float y) {
        return (float) ActivationFunctions.softplusDerivative(x, betaF, thresholdF);
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        backend.softplus(input.size(), betaF, thresholdF, input.data(), input.offset(),
                output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        backend.softplusBackward(input.size(), betaF, thresholdF, input.data(), input.offset(),
                gradOutput.data(), gradOutput.offset(), gradInput.data(), gradInput.offset());
    }
}
