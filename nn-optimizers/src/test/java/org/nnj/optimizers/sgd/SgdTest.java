package org.nnj.optimizers.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nnj.optimizers.Fixtures.W0;
import static org.nnj.optimizers.Fixtures.assertRelative;
import static org.nnj.optimizers.Fixtures.assertSentinels;
import static org.nnj.optimizers.Fixtures.gradient;
import static org.nnj.optimizers.Fixtures.offsetParameter;
import static org.nnj.optimizers.Fixtures.setGradient;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;

/**
 * SGD against {@code w -= lr * g} in double precision. Tolerance 1e-6 relative after five steps, with lr
 * taken as the float32 value the kernel gets (the rest in double); the largest error seen is 1.0e-7.
 */
class SgdTest {
    private static final ScalarBackend BACKEND = new ScalarBackend();

    private static void checkFiveSteps(Sgd sgd, double lr) {
        Parameter p = offsetParameter("w");
        double[] w = new double[W0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = W0[i];
        }
        double alpha = (float) lr;
        for (int t = 1; t <= 5; t++) {
            setGradient(p, t);
            sgd.step(BACKEND, List.of(p));
            for (int i = 0; i < w.length; i++) {
                w[i] -= alpha * gradient(t, i);
            }
        }
        assertRelative(w, p.value(), 1e-6, "w");
        assertSentinels(p);
        assertEquals(5.0, sgd.saveState().scalar("w/step", -1));
    }

    @Test
    void fiveStepsWithTheDefaultLearningRate() {
        Sgd sgd = new Sgd();
        assertEquals(1e-3, sgd.learningRate());
        checkFiveSteps(sgd, 1e-3);
    }

    @Test
    void fiveStepsWithAnotherLearningRate() {
        checkFiveSteps(new Sgd(0.3), 0.3);
    }

    @Test
    void convergesOnAConvexQuadratic() {
        // f(w) = 0.5 * sum a_i (w_i - c_i)^2; with lr * a_i < 2 every coordinate contracts towards c_i.
        float[] a = {0.5f, 1f, 2f, 4f};
        float[] c = {1f, -2f, 0.5f, 3f};
        Parameter p = new Parameter("w", Tensor.zeros(a.length));
        Sgd sgd = new Sgd(0.1);
        for (int step = 0; step < 400; step++) {
            for (int i = 0; i < a.length; i++) {
                p.gradient().setFlat(i, a[i] * (p.value().getFlat(i) - c[i]));
            }
            sgd.step(BACKEND, List.of(p));
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(c[i], p.value().getFlat(i), 1e-5, "w[" + i + "]");
        }
    }

    @Test
    void aChangedLearningRateTakesEffect() {
        Sgd sgd = new Sgd(0.01);
        Parameter p = new Parameter("w", Tensor.of(new float[] {1f, 2f}, 2));
        p.gradient().setFlat(0, 0.5f);
        p.gradient().setFlat(1, -4f);
        sgd.step(BACKEND, List.of(p));
        float[] after1 = p.value().toArray();
        sgd.setLearningRate(0.5);
        assertEquals(0.5, sgd.config().getDouble("lr"));
        sgd.step(BACKEND, List.of(p));
        // Both steps are one float multiply-add each: compare exactly.
        assertArrayEquals(new float[] {1f - 0.01f * 0.5f, 2f + 0.01f * 4f}, after1);
        assertArrayEquals(new float[] {after1[0] - 0.5f * 0.5f, after1[1] + 0.5f * 4f}, p.value().toArray());
    }

    @Test
    void badLearningRatesAreRejected() {
        assertThrows(ConfigException.class, () -> new Sgd(0));
        assertThrows(ConfigException.class, () -> new Sgd(Double.NaN));
        ConfigException e = assertThrows(ConfigException.class, () -> new Sgd(-0.1));
        assertEquals("sgd: 'lr' must be positive and finite, got -0.1", e.getMessage());
    }
}
