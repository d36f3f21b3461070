package com.example.nnjplugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;

/** The maths against values computed by hand (in double precision). */
class SwishAndLionTest {
    private final ScalarBackend backend = new ScalarBackend(1);

    @Test
    void swishIsXTimesTheSigmoidOfBetaX() {
        Swish swish = new Swish(2.0);
        for (double x : new double[] {-30, -1.5, 0, 0.25, 3, 40}) {
            double expected = x / (1 + Math.exp(-2 * x));
            assertEquals(expected, swish.apply((float) x), 1e-6 * Math.max(1, Math.abs(expected)), "x = " + x);
        }
        assertEquals(0.5f, new Swish(1.0).derivative(0f, 0f)); // s(0) = 1/2
    }

    @Test
    void lionStepsBySignOfTheInterpolatedMomentum() {
        Parameter p = new Parameter("w", Tensor.of(new float[] {1f, -2f, 0.5f}, 3));
        Lion lion = new Lion(0.1, 0.9, 0.99, 0.0);
        p.gradient().copyFrom(Tensor.of(new float[] {0.3f, -0.2f, 0f}, 3));
        lion.step(backend, List.of(p));
        // m = 0, so c = 0.1 g: signs (+, -, 0).
        assertArrayEquals(new float[] {0.9f, -1.9f, 0.5f}, p.value().toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.003f, -0.002f, 0f}, lion.saveState().tensor("w/exp_avg").toArray(), 1e-7f);

        // Second step: g = (-0.01, 0, 1); c = 0.9 m + 0.1 g = (0.0017, -0.0018, 0.1): signs (+, -, +).
        p.gradient().copyFrom(Tensor.of(new float[] {-0.01f, 0f, 1f}, 3));
        lion.step(backend, List.of(p));
        assertArrayEquals(new float[] {0.8f, -1.8f, 0.4f}, p.value().toArray(), 1e-6f);
    }

    @Test
    void weightDecayShrinksBeforeTheSignStep() {
        Parameter p = new Parameter("w", Tensor.of(new float[] {2f}, 1));
        Lion lion = new Lion(0.1, 0.9, 0.99, 0.5);
        p.gradient().copyFrom(Tensor.of(new float[] {1f}, 1));
        lion.step(backend, List.of(p));
        assertEquals(2 * (1 - 0.1 * 0.5) - 0.1, p.value().getFlat(0), 1e-6);
    }

    @Test
    void badConfigsAndForeignStatesAreRefused() {
        assertThrows(ConfigException.class, () -> new LionProvider().create(Config.of("lr", 0.0)));
        assertThrows(ConfigException.class, () -> new LionProvider().create(Config.of("beta1", 1.0)));
        assertThrows(ConfigException.class, () -> new LionProvider().create(Config.of("momentum", 0.9)));
        Lion lion = new Lion(0.1, 0.9, 0.99, 0.0);
        assertThrows(ConfigException.class, () -> lion.loadState(new OptimizerState(
                java.util.Map.of("w/exp_avg_sq", Tensor.zeros(1)), java.util.Map.of())));
        assertThrows(ConfigException.class, () -> new SwishProvider().create(Config.of("alpha", 1)));
    }
}
