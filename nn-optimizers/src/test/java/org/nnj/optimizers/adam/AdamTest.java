package org.nnj.optimizers.adam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;

/**
 * Adam against the textbook algorithm written out in double precision.
 *
 * <p>Tolerance: 1e-6 relative on every element of w, m and v after five steps. The optimizer computes in
 * float32 and that includes its hyper-parameters, which the kernel takes as floats; the reference uses
 * those float32 values of lr, beta1, beta2 and eps and does everything else in double. (With the double
 * betas instead, {@code 1 - beta2} alone differs by 1.3e-5 relative for beta2 = 0.999, an error of the
 * input, not of the computation.) The largest error seen is 1.3e-7.
 */
class AdamTest {
    private static final ScalarBackend BACKEND = new ScalarBackend();
    private static final int STEPS = 5;

    /** Five steps of Adam in double: w, m, v for each element of {@code W0}. */
    private static double[][] reference(double lr, double beta1, double beta2, double eps) {
        double b1 = (float) beta1;
        double b2 = (float) beta2;
        double alpha = (float) lr;
        double e = (float) eps;
        int n = W0.length;
        double[] w = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = W0[i];
        }
        for (int t = 1; t <= STEPS; t++) {
            for (int i = 0; i < n; i++) {
                double g = gradient(t, i);
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= alpha * mHat / (Math.sqrt(vHat) + e);
            }
        }
        return new double[][] {w, m, v};
    }

    private static void checkFiveSteps(Adam adam, double lr, double beta1, double beta2, double eps) {
        Parameter p = offsetParameter("w");
        for (int t = 1; t <= STEPS; t++) {
            setGradient(p, t);
            adam.step(BACKEND, List.of(p));
        }
        double[][] expected = reference(lr, beta1, beta2, eps);
        OptimizerState state = adam.saveState();
        assertRelative(expected[0], p.value(), 1e-6, "w");
        assertRelative(expected[1], state.tensor("w/exp_avg"), 1e-6, "exp_avg");
        assertRelative(expected[2], state.tensor("w/exp_avg_sq"), 1e-6, "exp_avg_sq");
        assertEquals(5.0, state.scalar("w/step", -1));
        assertSentinels(p);
    }

    @Test
    void fiveStepsWithDefaultsMatchTheDoubleReference() {
        checkFiveSteps(new Adam(), 1e-3, 0.9, 0.999, 1e-8);
    }

    @Test
    void fiveStepsWithOtherSettingsMatchTheDoubleReference() {
        checkFiveSteps(new Adam(0.05, 0.5, 0.9, 1e-3), 0.05, 0.5, 0.9, 1e-3);
        checkFiveSteps(new Adam(0.2, 0.0, 0.0, 0.5), 0.2, 0.0, 0.0, 0.5);
    }

    @Test
    void convergesOnAConvexQuadratic() {
        // f(w) = 0.5 * sum a_i (w_i - c_i)^2, gradient a_i (w_i - c_i), minimum at c.
        float[] a = {0.5f, 1f, 2f, 4f, 10f};
        float[] c = {1f, -2f, 0.5f, 3f, -0.25f};
        Parameter p = new Parameter("w", Tensor.zeros(a.length));
        Adam adam = new Adam(0.05);
        double f0 = quadratic(a, c, p.value());
        for (int step = 0; step < 3000; step++) {
            for (int i = 0; i < a.length; i++) {
                p.gradient().setFlat(i, a[i] * (p.value().getFlat(i) - c[i]));
            }
            adam.step(BACKEND, List.of(p));
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(c[i], p.value().getFlat(i), 1e-3, "w[" + i + "]");
        }
        assertTrue(quadratic(a, c, p.value()) < 1e-6 * f0);
    }

    private static double quadratic(float[] a, float[] c, Tensor w) {
        double f = 0;
        for (int i = 0; i < a.length; i++) {
            double d = w.getFlat(i) - c[i];
            f += 0.5 * a[i] * d * d;
        }
        return f;
    }

    @Test
    void aChangedLearningRateTakesEffect() {
        // The first Adam step moves each weight by lr * g / (|g| + eps): lr itself, up to eps / |g|.
        Adam adam = new Adam();
        adam.setLearningRate(0.1);
        assertEquals(0.1, adam.learningRate());
        assertEquals(0.1, adam.config().getDouble("lr"));
        Parameter p = new Parameter("w", Tensor.of(new float[] {1f, 1f}, 2));
        p.gradient().setFlat(0, 2f);
        p.gradient().setFlat(1, -0.5f);
        adam.step(BACKEND, List.of(p));
        // Check the step itself, not w = 1 -+ step, where an error of the step is diluted tenfold.
        Tensor moved = Tensor.of(new float[] {1f - p.value().getFlat(0), p.value().getFlat(1) - 1f}, 2);
        assertRelative(new double[] {0.1 * 2 / (2 + 1e-8), 0.1 * 0.5 / (0.5 + 1e-8)}, moved, 1e-6,
                "first step at lr 0.1");

        adam.setLearningRate(0);
        Tensor before = p.value().copy();
        adam.step(BACKEND, List.of(p));
        assertRelative(new double[] {before.getFlat(0), before.getFlat(1)}, p.value(), 0, "w at lr 0");
    }

    @Test
    void settingsAreValidated() {
        assertThrows(ConfigException.class, () -> new Adam(0));
        assertThrows(ConfigException.class, () -> new Adam(-1e-3));
        assertThrows(ConfigException.class, () -> new Adam(Double.POSITIVE_INFINITY));
        ConfigException e = assertThrows(ConfigException.class, () -> new Adam(1e-3, 1.0, 0.999, 1e-8));
        assertEquals("adam: 'beta1' must be in [0, 1), got 1.0", e.getMessage());
        assertThrows(ConfigException.class, () -> new Adam(1e-3, 0.9, -0.1, 1e-8));
        assertThrows(ConfigException.class, () -> new Adam(1e-3, 0.9, Double.NaN, 1e-8));
        assertThrows(ConfigException.class, () -> new Adam(1e-3, 0.9, 0.999, 0));
        Adam adam = new Adam();
        assertThrows(ConfigException.class, () -> adam.setLearningRate(-0.1));
        assertThrows(ConfigException.class, () -> adam.setLearningRate(Double.NaN));
        assertEquals(1e-3, adam.learningRate());
    }
}
