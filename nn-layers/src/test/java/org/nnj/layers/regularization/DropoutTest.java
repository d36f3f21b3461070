package org.nnj.layers.regularization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.testkit.GradientChecker;
import org.nnj.layers.testing.TestBuildContext;

class DropoutTest {
    private static final ScalarBackend BACKEND = new ScalarBackend();

    private static Tensor ones(int... dims) {
        Tensor t = Tensor.zeros(dims);
        t.fill(1f);
        return t;
    }

    private static float[] train(Dropout dropout, Tensor x, long seed) {
        return dropout.forward(x, new CallContext(BACKEND, true, true, seed)).toArray();
    }

    @Test
    void dropsAboutPAndScalesTheRestByOneOverOneMinusP() {
        Dropout dropout = new Dropout(Shape.of(1000), 0.4);
        float[] y = train(dropout, ones(20, 1000), 7L);
        int dropped = 0;
        double sum = 0;
        for (float v : y) {
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals(1 / 0.6f, v, 1e-6);
            }
            sum += v;
        }
        // 20000 draws: the share dropped is within 1% of p far beyond chance (sd 0.35%).
        assertEquals(0.4, dropped / 20000.0, 0.01);
        assertEquals(1.0, sum / y.length, 0.02, "inverted dropout keeps the expected value");
    }

    @Test
    void theSameSeedDrawsTheSameMaskAndAnotherSeedAnother() {
        Dropout dropout = new Dropout(Shape.of(64), 0.5);
        Tensor x = ones(4, 64);
        assertArrayEquals(train(dropout, x, 11L), train(dropout, x, 11L));
        assertFalse(Arrays.equals(train(dropout, x, 11L), train(dropout, x, 12L)));
    }

    @Test
    void inferenceIsTheIdentity() {
        Dropout dropout = new Dropout(Shape.of(8), 0.9);
        Tensor x = ones(3, 8);
        assertSame(x, dropout.forward(x, CallContext.inference(BACKEND)));
        CallContext evalWithGradient = new CallContext(BACKEND, false, true, 0L);
        dropout.forward(x, evalWithGradient);
        Tensor dy = ones(3, 8);
        assertSame(dy, dropout.backward(dy, evalWithGradient));
        Dropout zero = new Dropout(Shape.of(8), 0.0);
        assertSame(x, zero.forward(x, new CallContext(BACKEND, true, true, 1L)), "p = 0 drops nothing");
    }

    @Test
    void theGradientFlowsThroughTheKeptElementsOnly() {
        Dropout dropout = new Dropout(Shape.of(2, 3, 3), 0.5);
        CallContext context = new CallContext(BACKEND, true, true, 5L);
        float[] y = dropout.forward(ones(2, 2, 3, 3), context).toArray();
        float[] dx = dropout.backward(ones(2, 2, 3, 3), context).toArray();
        assertArrayEquals(y, dx, "for x = 1 and dy = 1 both are the mask");
        assertNull(dropout.backward(ones(2, 2, 3, 3), new CallContext(BACKEND, true, false, 5L)));
        GradientChecker.checkLayer(dropout, BACKEND, 3, 9L);
    }

    @Test
    void pMustBeAProbabilityBelowOne() {
        assertThrows(ConfigException.class, () -> new Dropout(Shape.of(4), 1.0));
        assertThrows(ConfigException.class, () -> new Dropout(Shape.of(4), -0.1));
        DropoutProvider provider = new DropoutProvider();
        TestBuildContext context = TestBuildContext.of(Shape.of(4), 0L, "dropout");
        ConfigException e = assertThrows(ConfigException.class, () -> provider.create(Config.of("p", 1.5), context));
        assertTrue(e.getMessage().contains("layer 0 (dropout)") && e.getMessage().contains("'p'"), e.getMessage());
        assertEquals(Config.of("p", 0.5), provider.create(Config.empty(), context).config(), "PyTorch's default");
        assertEquals(Config.of("p", 0.4), provider.create(Config.parse("p=0.4"), context).config());
    }
}
