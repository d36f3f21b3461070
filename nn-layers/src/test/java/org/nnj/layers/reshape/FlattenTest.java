package org.nnj.layers.reshape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.testkit.GradientChecker;
import org.nnj.layers.testing.TestBuildContext;

class FlattenTest {

    @Test
    void flattensEachSampleInRowMajorOrderWithoutCopying() {
        Flatten flatten = new Flatten(Shape.of(2, 2, 3));
        assertEquals(Shape.of(12), flatten.outputShape());
        float[] values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Tensor x = Tensor.of(values, 2, 2, 2, 3);
        CallContext context = new CallContext(new ScalarBackend(), true, true, 0L);
        Tensor y = flatten.forward(x, context);
        assertEquals(Shape.of(2, 12), y.shape());
        assertSame(x.data(), y.data(), "a view");
        assertArrayEquals(values, y.toArray());
        Tensor dx = flatten.backward(y, context);
        assertEquals(x.shape(), dx.shape());
        assertSame(y.data(), dx.data());
    }

    @Test
    void skipsTheInputGradientWhenNobodyNeedsItAndPassesTheGradientCheck() {
        Flatten flatten = new Flatten(Shape.of(3, 4, 5));
        CallContext context = new CallContext(new ScalarBackend(), true, false, 0L);
        assertNull(flatten.backward(flatten.forward(Tensor.zeros(2, 3, 4, 5), context), context));
        GradientChecker.checkLayer(flatten, new ScalarBackend(), 2, 3L);
    }

    @Test
    void providerTakesNoKeys() {
        FlattenProvider provider = new FlattenProvider();
        assertEquals(Shape.of(784), provider.create(Config.empty(), TestBuildContext.of(Shape.of(1, 28, 28), 0L,
                "flatten")).outputShape());
        assertThrows(ConfigException.class, () -> provider.create(Config.of("start_dim", 1),
                TestBuildContext.of(Shape.of(1, 28, 28), 0L, "flatten")));
    }
}
