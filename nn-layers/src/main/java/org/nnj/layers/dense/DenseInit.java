package org.nnj.layers.dense;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.nnj.api.ConfigException;

/**
 * How a layer's weights are initialised from a seed: a {@link Dense} layer's, with {@code fanIn = in} and
 * {@code fanOut = out}, and a convolution's, with {@code fanIn = in * kh * kw} and {@code fanOut = out * kh * kw}
 * (as Keras and PyTorch count them). The bias always starts at zero.
 *
 * <p>Draws come from a {@link SplittableRandom} seeded with the layer's seed and the maths uses
 * {@link StrictMath}, so the same seed gives the same weights, bit for bit, on every JVM.
 */
public enum DenseInit {
    /**
     * Glorot/Xavier uniform: {@code U(-limit, limit)} with {@code limit = sqrt(6 / (fanIn + fanOut))} (Keras'
     * default for dense layers; keeps the variance of activations and gradients for tanh and sigmoid).
     */
    XAVIER("xavier") {
        @Override
        public void fill(float[] weights, int fanIn, int fanOut, SplittableRandom random) {
            double limit = StrictMath.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) random.nextDouble(-limit, limit);
            }
        }
    },
    /**
     * He/Kaiming normal: {@code N(0, 2 / fanIn)}, that is a standard deviation of {@code sqrt(2 / fanIn)} (fan-in
     * mode, the usual choice before ReLU).
     */
    HE("he") {
        @Override
        public void fill(float[] weights, int fanIn, int fanOut, SplittableRandom random) {
            double std = StrictMath.sqrt(2.0 / fanIn);
            for (int i = 0; i < weights.length; i += 2) {
                // Box-Muller, written out so the draws do not depend on the JDK's nextGaussian algorithm.
                double u1 = 1.0 - random.nextDouble(); // in (0, 1]: log(u1) is finite
                double u2 = random.nextDouble();
                double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
                double angle = 2.0 * StrictMath.PI * u2;
                weights[i] = (float) (std * radius * StrictMath.cos(angle));
                if (i + 1 < weights.length) {
                    weights[i + 1] = (float) (std * radius * StrictMath.sin(angle));
                }
            }
        }
    };

    private final String configName;

    DenseInit(String configName) {
        this.configName = configName;
    }

    /** The value of the {@code init} config key, for example {@code "xavier"}. */
    public String configName() {
        return configName;
    }

    /** The initialisation named {@code name} in a config; the message names the owner and lists the known ones. */
    public static DenseInit fromConfigName(String name, String owner) {
        for (DenseInit init : values()) {
            if (init.configName.equals(name)) {
                return init;
            }
        }
        throw new ConfigException(owner + ": 'init' must be one of "
                + Arrays.stream(values()).map(DenseInit::configName).collect(Collectors.joining(", "))
                + ", got \"" + name + "\"");
    }

    /** Fills {@code weights} (every element, in order) for the given fan-in and fan-out. */
    public abstract void fill(float[] weights, int fanIn, int fanOut, SplittableRandom random);
}
