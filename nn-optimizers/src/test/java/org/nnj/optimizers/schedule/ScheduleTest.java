package org.nnj.optimizers.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.LearningRateSchedule;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.optimizers.adam.Adam;
import org.nnj.optimizers.sgd.Sgd;

/** The schedules against values worked out by hand (the arithmetic is in the comments). */
class ScheduleTest {
    private static final double EXACT = 1e-15;

    private static void assertRates(LearningRateSchedule schedule, double base, double... expected) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], schedule.learningRate(t, base), EXACT * Math.max(1, expected[t]),
                    schedule + " at t=" + t);
        }
    }

    @Test
    void stepDecayHalvesEveryThreeTicks() {
        // 0.1 for t = 0, 1, 2; 0.05 for 3, 4, 5; 0.025 from 6.
        assertRates(new StepDecay(3, 0.5), 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025);
        assertEquals(0.1 / 1024, new StepDecay(3, 0.5).learningRate(30, 0.1), EXACT);
    }

    @Test
    void exponentialDecayMultipliesEveryTick() {
        assertRates(new ExponentialDecay(0.9), 1.0, 1.0, 0.9, 0.81, 0.729);
        assertEquals(0.3486784401, new ExponentialDecay(0.9).learningRate(10, 1.0), 1e-12);
        assertRates(new ExponentialDecay(1.0), 0.3, 0.3, 0.3);
    }

    @Test
    void cosineAnnealingFollowsHalfACosineAndStaysAtTheMinimum() {
        CosineAnnealing cosine = new CosineAnnealing(10, 0.001);
        // t = 2: cos(pi / 5) = 0.8090169943749475, (1 + it) / 2 = 0.9045084971874737,
        // 0.001 + 0.099 * 0.9045084971874737 = 0.09054634122155990.
        assertEquals(0.1, cosine.learningRate(0, 0.1), EXACT);
        assertEquals(0.0905463412215599, cosine.learningRate(2, 0.1), 1e-15);
        assertEquals(0.0505, cosine.learningRate(5, 0.1), 1e-15); // half way: the mean of 0.1 and 0.001
        assertEquals(0.001, cosine.learningRate(10, 0.1), 1e-15);
        assertEquals(0.001, cosine.learningRate(25, 0.1), 1e-15);
        assertEquals(0.0, new CosineAnnealing(4).learningRate(4, 0.5), 1e-15);
        assertEquals(0.25, new CosineAnnealing(4).learningRate(2, 0.5), 1e-15);
    }

    @Test
    void linearWarmupRampsUpThenHandsOver() {
        // base 0.2, start factor 0.25 over 4 ticks: factors 0.25, 0.4375, 0.625, 0.8125, then 1.
        assertRates(new LinearWarmup(4, 0.25), 0.2, 0.05, 0.0875, 0.125, 0.1625, 0.2, 0.2);
        // Then a cosine over 4 ticks that starts its own time at 0: 0.2, 0.1707..., 0.1, ..., 0.
        LinearWarmup warmCosine = new LinearWarmup(4, 0.25, new CosineAnnealing(4));
        assertEquals(0.2, warmCosine.learningRate(4, 0.2), EXACT);
        assertEquals(0.1 * (1 + Math.cos(Math.PI / 4)), warmCosine.learningRate(5, 0.2), EXACT);
        assertEquals(0.1, warmCosine.learningRate(6, 0.2), 1e-16);
        assertEquals(0.0, warmCosine.learningRate(8, 0.2), 1e-16);
        // A start factor of 1 is no warm-up at all.
        assertRates(new LinearWarmup(3, 1.0), 0.5, 0.5, 0.5, 0.5, 0.5);
    }

    @Test
    void reduceOnPlateauWaitsForPatienceThenCoolsDown() {
        // factor 0.5, patience 2, threshold 1%, cooldown 1, minimum 0.01; base 0.1.
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.5, 2, 0.01, 1, 0.01, false);
        double[] metrics = {
            1.0,   // 1: better than +inf: best 1.0
            0.995, // 2: not below 1.0 * 0.99: bad 1
            0.98,  // 3: below 0.99: best 0.98, bad 0
            0.98,  // 4: bad 1
            0.99,  // 5: bad 2
            0.985, // 6: bad 3 > 2: reduce to 0.05, cooldown 1, bad 0
            0.97,  // 7: below 0.98 * 0.99 = 0.9702: best 0.97; cooldown 1 -> 0
            1.0,   // 8: bad 1
            1.0,   // 9: bad 2
            1.0,   // 10: bad 3: reduce to 0.025, cooldown 1
            1.0,   // 11: bad 1, but in cooldown: cooldown 0, bad 0
            1.0,   // 12: bad 1
            1.0,   // 13: bad 2
            1.0,   // 14: bad 3: reduce to 0.0125
            1.0,   // 15: cooldown
            Double.NaN, // 16: NaN never improves: bad 1
            1.0,   // 17: bad 2
            1.0,   // 18: bad 3: reduce to max(0.00625, 0.01) = 0.01
        };
        double[] expected = {0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025,
            0.0125, 0.0125, 0.0125, 0.0125, 0.01};
        for (int epoch = 1; epoch <= metrics.length; epoch++) {
            plateau.observe(epoch, metrics[epoch - 1]);
            assertEquals(expected[epoch - 1], plateau.learningRate(epoch, 0.1), EXACT, "after epoch " + epoch);
        }
        assertEquals(4, plateau.reductions());
        // Asking for the rate does not change it.
        assertEquals(0.01, plateau.learningRate(0, 0.1), EXACT);
    }

    @Test
    void reduceOnPlateauCanMaximizeAndHandlesNegativeMetrics() {
        ReduceOnPlateau accuracy = new ReduceOnPlateau(0.1, 0, 0, 0, 0, true);
        accuracy.observe(1, 0.5);
        accuracy.observe(2, 0.6);
        assertEquals(1.0, accuracy.learningRate(2, 1.0), EXACT);
        accuracy.observe(3, 0.6); // not higher: bad 1 > patience 0
        assertEquals(0.1, accuracy.learningRate(3, 1.0), 1e-16);

        // A log-likelihood near -10: -9.9995 is worse than -10 by PyTorch's own direction, not an improvement.
        ReduceOnPlateau negative = new ReduceOnPlateau(0.5, 0, 1e-4, 0, 0, false);
        negative.observe(1, -10);
        negative.observe(2, -9.9995);
        assertEquals(1, negative.reductions());
        negative.observe(3, -10.5);
        assertEquals(1, negative.reductions());
    }

    @Test
    void warmupPassesTheMetricOn() {
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.5, 0, 0, 0, 0, false);
        LinearWarmup schedule = new LinearWarmup(2, 0.5, plateau);
        schedule.observe(1, 1.0);
        schedule.observe(2, 2.0);
        assertEquals(1, plateau.reductions());
        assertEquals(0.5, schedule.learningRate(5, 1.0), EXACT);
    }

    @Test
    void settingsAreChecked() {
        ConfigException e = assertThrows(ConfigException.class, () -> new StepDecay(0, 0.5));
        assertEquals("step decay: 'stepSize' must be at least 1, got 0", e.getMessage());
        e = assertThrows(ConfigException.class, () -> new ExponentialDecay(1.5));
        assertEquals("exponential decay: 'gamma' must be in (0, 1], got 1.5", e.getMessage());
        assertThrows(ConfigException.class, () -> new StepDecay(2, 0));
        assertThrows(ConfigException.class, () -> new CosineAnnealing(0));
        assertThrows(ConfigException.class, () -> new CosineAnnealing(5, -0.1));
        assertThrows(ConfigException.class, () -> new LinearWarmup(5, 0));
        assertThrows(ConfigException.class, () -> new ReduceOnPlateau(1.0, 1, 0, 0, 0, false));
        assertThrows(ConfigException.class, () -> new ReduceOnPlateau(0.5, -1, 0, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.5).learningRate(-1, 1));
    }

    /** A schedule only sets the rate: the same schedule drives SGD and Adam, and each steps with it. */
    @Test
    void aScheduleCombinesWithAnyOptimizer() {
        LearningRateSchedule schedule = new StepDecay(1, 0.5);
        for (var optimizer : List.of(new Sgd(0.4), new Adam(0.4))) {
            double base = optimizer.learningRate();
            Parameter p = new Parameter("w", Tensor.of(new float[] {1f}, 1));
            float before = 1f;
            for (int t = 0; t < 3; t++) {
                optimizer.setLearningRate(schedule.learningRate(t, base));
                p.gradient().setFlat(0, 1f);
                optimizer.step(new ScalarBackend(), List.of(p));
                float moved = before - p.value().getFlat(0);
                // SGD moves by lr * g = lr; Adam's every step with a constant gradient is lr (up to eps).
                assertEquals(0.4 / (1 << t), moved, 1e-6, optimizer.type() + " step " + t);
                before = p.value().getFlat(0);
            }
        }
    }
}
