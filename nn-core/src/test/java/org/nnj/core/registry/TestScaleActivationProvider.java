package org.nnj.core.registry;

import org.nnj.api.activation.Activation;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** A test plugin listed in META-INF/services: {@code f(x) = factor * x}. */
public final class TestScaleActivationProvider implements ActivationProvider {

    @Override
    public String name() {
        return "test_scale";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly("factor");
        float factor = (float) config.getDouble("factor", 2.0);
        return new ElementwiseActivation() {
            @Override
            public String type() {
                return "test_scale";
            }

            @Override
            public Config config() {
                return Config.of("factor", (double) factor);
            }

            @Override
            public float apply(float x) {
                return factor * x;
            }

            @Override
            public float derivative(float x, float y) {
                return factor;
            }
        };
    }
}
