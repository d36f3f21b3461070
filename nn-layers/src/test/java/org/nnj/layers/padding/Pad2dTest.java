package org.nnj.layers.padding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.layers.testing.TestBuildContext;
import org.nnj.testkit.GradientChecker;

class Pad2dTest {

    private static float[] forward(Pad2d pad, Tensor x) {
        return pad.forward(x, new CallContext(new ScalarBackend(), false, false, 0L)).toArray();
    }

    @Test
    void padsEachSideWithTheMode() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        // top 0, bottom 1, left 1, right 0
        assertArrayEquals(new float[] {0, 1, 2, 0, 3, 4, 0, 0, 0},
                forward(new Pad2d(Shape.of(1, 2, 2), new int[] {0, 1, 1, 0}, PaddingMode.ZEROS, "pad"), x));
        assertArrayEquals(new float[] {1, 1, 2, 3, 3, 4, 3, 3, 4},
                forward(new Pad2d(Shape.of(1, 2, 2), new int[] {0, 1, 1, 0}, PaddingMode.REPLICATE, "pad"), x));
        assertArrayEquals(new float[] {2, 1, 2, 4, 3, 4, 2, 1, 2},
                forward(new Pad2d(Shape.of(1, 2, 2), new int[] {0, 1, 1, 0}, PaddingMode.REFLECT, "pad"), x));
    }

    @Test
    void passesTheGradientCheckInEveryModeAndSkipsUnneededGradients() {
        for (PaddingMode mode : PaddingMode.values()) {
            Pad2d pad = new Pad2d(Shape.of(2, 3, 4), new int[] {1, 2, 2, 1}, mode, "pad");
            assertEquals(Shape.of(2, 6, 7), pad.outputShape());
            GradientChecker.checkLayer(pad, new ScalarBackend(), 2, 7L);
        }
        Pad2d pad = new Pad2d(Shape.of(1, 2, 2), new int[] {1, 1, 1, 1}, PaddingMode.ZEROS, "pad");
        CallContext context = new CallContext(new ScalarBackend(), true, false, 0L);
        assertNull(pad.backward(pad.forward(Tensor.zeros(1, 1, 2, 2), context), context));
    }

    @Test
    void providerReadsThePaddingAndTheModeAndRebuildsFromItsConfig() {
        Pad2dProvider provider = new Pad2dProvider();
        Pad2d pad = (Pad2d) provider.create(Config.of("padding", new int[] {1, 2}, "mode", "reflect"),
                TestBuildContext.of(Shape.of(3, 5, 5), 0L, "pad2d"));
        assertArrayEquals(new int[] {1, 1, 2, 2}, pad.sides());
        assertEquals("pad2d t1 b1 l2 r2 reflect", pad.describe());
        Pad2d again = (Pad2d) provider.create(pad.config(), TestBuildContext.of(Shape.of(3, 5, 5), 0L, "pad2d"));
        assertArrayEquals(pad.sides(), again.sides());
        assertEquals(PaddingMode.REFLECT, again.mode());
        assertEquals("pad2d 1 zeros", provider.create(Config.of("padding", 1),
                TestBuildContext.of(Shape.of(3, 5, 5), 0L, "pad2d")).describe());
        assertThrows(ConfigException.class, () -> provider.create(Config.empty(),
                TestBuildContext.of(Shape.of(3, 5, 5), 0L, "pad2d")));
        assertThrows(ConfigException.class, () -> provider.create(Config.of("padding", 1, "mode", "wrap"),
                TestBuildContext.of(Shape.of(3, 5, 5), 0L, "pad2d")));
        ShapeException e = assertThrows(ShapeException.class, () -> provider.create(
                Config.of("padding", 5, "mode", "reflect"), TestBuildContext.of(Shape.of(3, 5, 5), 0L, "pad2d")));
        assertTrue(e.getMessage().startsWith("layer 0 (pad2d): cannot pad input [3, 5, 5]"), e.getMessage());
    }
}
