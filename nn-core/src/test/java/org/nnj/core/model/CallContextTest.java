package org.nnj.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;

class CallContextTest {
    private final ScalarBackend backend = new ScalarBackend();

    @Test
    void afterResetTheSameShapesGetTheSameBuffersInTheSameOrder() {
        CallContext ctx = new CallContext(backend, true, true, 1L);
        Tensor first = ctx.allocate(Shape.of(4, 3));
        Tensor second = ctx.allocate(Shape.of(4, 5));
        assertNotSame(first, second);
        assertNotSame(first.data(), second.data());

        ctx.reset(2L);

        assertSame(first, ctx.allocate(Shape.of(4, 3)));
        assertSame(second, ctx.allocate(Shape.of(4, 5)));
        Tensor third = ctx.allocate(Shape.of(2));
        assertNotSame(first.data(), third.data());
    }

    @Test
    void aSmallerShapeReusesTheArrayAndALargerOneGetsANewOne() {
        CallContext ctx = new CallContext(backend, true, true, 1L);
        Tensor big = ctx.allocate(Shape.of(8, 10));
        ctx.reset(1L);

        Tensor small = ctx.allocate(Shape.of(3, 10)); // a last, smaller batch
        assertSame(big.data(), small.data());
        assertEquals(Shape.of(3, 10), small.shape());
        ctx.reset(1L);

        Tensor bigAgain = ctx.allocate(Shape.of(8, 10));
        assertSame(big.data(), bigAgain.data());
        ctx.reset(1L);

        Tensor bigger = ctx.allocate(Shape.of(9, 10));
        assertEquals(90, bigger.data().length);
    }

    @Test
    void allocateZeroedClearsARecycledBuffer() {
        CallContext ctx = new CallContext(backend, true, true, 1L);
        ctx.allocate(Shape.of(3)).fill(5f);
        ctx.reset(1L);

        Tensor t = ctx.allocateZeroed(Shape.of(3));

        assertEquals(0f, t.getFlat(0));
        assertEquals(0f, t.getFlat(2));
    }

    @Test
    void savedValuesAreReadBackByIndexAndType() {
        CallContext ctx = new CallContext(backend, true, true, 1L);
        Tensor mask = Tensor.zeros(2);
        ctx.save(mask, 3);

        assertSame(mask, ctx.saved(0, Tensor.class));
        assertEquals(3, ctx.saved(1, Integer.class));
    }

    @Test
    void savedErrorsSayWhatIsWrong() {
        CallContext ctx = new CallContext(backend, true, true, 1L);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.saved(0, Tensor.class));
        assertTrue(e.getMessage().contains("nothing was saved at index 0"), e.getMessage());
        assertTrue(e.getMessage().contains("backward called without forward"), e.getMessage());

        ctx.save("text", null);
        e = assertThrows(IllegalStateException.class, () -> ctx.saved(0, Tensor.class));
        assertTrue(e.getMessage().contains("is a java.lang.String, not a " + Tensor.class.getName()), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> ctx.saved(1, Tensor.class));
        assertTrue(e.getMessage().contains("is a null"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> ctx.saved(-1, Tensor.class));
        assertTrue(e.getMessage().contains("index -1"), e.getMessage());
    }

    @Test
    void resetDropsSavedValuesAndReseedsTheRandomSource() {
        CallContext ctx = new CallContext(backend, true, true, 7L);
        long a = ctx.random().nextLong();
        ctx.save("x");

        ctx.reset(7L);

        assertEquals(a, ctx.random().nextLong());
        assertThrows(IllegalStateException.class, () -> ctx.saved(0, String.class));
    }

    @Test
    void saveCopiesTheArgumentArray() {
        CallContext ctx = new CallContext(backend, true, true, 1L);
        Object[] values = {"a"};
        ctx.save(values);
        values[0] = "b";
        assertEquals("a", ctx.saved(0, String.class));
    }

    @Test
    void inferenceContextIsNotTrainingAndNeedsNoInputGradient() {
        CallContext ctx = CallContext.inference(backend);
        assertFalse(ctx.isTraining());
        assertFalse(ctx.needsInputGradient());
        assertSame(backend, ctx.backend());
        CallContext training = new CallContext(backend, true, true, 0L);
        assertTrue(training.isTraining());
        assertTrue(training.needsInputGradient());
        assertThrows(NullPointerException.class, () -> new CallContext(null, true, true, 0L));
    }
}
