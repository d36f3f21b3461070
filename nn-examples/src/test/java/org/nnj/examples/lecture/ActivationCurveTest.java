package org.nnj.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnj.api.config.Config;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.registry.Registries;

/** The curves come from the activations' own passes; checked here against the formulas, computed apart. */
class ActivationCurveTest {
    private final Registries registries = Registries.fromServiceLoader();
    private final ScalarBackend backend = new ScalarBackend(1);

    @Test
    void leakyReluWithItsDefaultSlope() {
        ActivationCurve c = ActivationCurve.of(registries.activation("leaky_relu", Config.empty()), backend, -5, 5, 11);
        assertFalse(c.mixes());
        for (int i = 0; i < 11; i++) {
            double x = i - 5;
            assertEquals(x, c.x()[i], 1e-12);
            assertEquals(x > 0 ? x : 0.01 * x, c.value()[i], 1e-6);
            assertEquals(x > 0 ? 1 : 0.01, c.derivative()[i], 1e-6);
        }
    }

    /** softmax of [x, 0], first component: 1 / (1 + e^-x), the sigmoid; its d/dx0 is s (1 - s). */
    @Test
    void softmaxFirstComponentIsTheSigmoid() {
        ActivationCurve c = ActivationCurve.of(registries.activation("softmax", Config.empty()), backend, -5, 5, 21);
        assertTrue(c.mixes());
        for (int i = 0; i < 21; i++) {
            double s = 1 / (1 + Math.exp(-c.x()[i]));
            assertEquals(s, c.value()[i], 1e-6);
            assertEquals(s * (1 - s), c.derivative()[i], 1e-6);
        }
    }

    @Test
    void titlesShowSettingsAndTheRowNote() {
        assertEquals("leaky_relu alpha=0.01", ActivationsCommand.title("leaky_relu", Config.of("alpha", 0.01), false));
        assertEquals("softmax (first component of [x, 0])", ActivationsCommand.title("softmax", Config.empty(), true));
    }
}
