package org.nnj.api.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.nnj.api.ShapeException;

/**
 * The log-softmax kernels were added to {@link RowKernels} in 1.1.0 as default methods: a backend written
 * against 1.0.0, which implements none of them, must still compute them correctly and reject bad arguments.
 * The "old backend" here is a proxy of {@link ComputeBackend} that runs default methods and nothing else.
 */
class LogSoftmaxDefaultsTest {
    private static final double LN_SUM_123 = 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2));

    /** A backend that implements no kernel at all (only its name and thread count): the defaults must do. */
    private static ComputeBackend oldBackend() {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("name")) {
                return "old";
            }
            if (method.getName().equals("threads")) {
                return 1;
            }
            throw new UnsupportedOperationException(method.getName() + " is not implemented by this 1.0.0 backend");
        };
        return (ComputeBackend) Proxy.newProxyInstance(ComputeBackend.class.getClassLoader(),
                new Class<?>[] {ComputeBackend.class}, handler);
    }

    @Test
    void theDefaultLogSoftmaxIsStableAndMatchesHandValues() {
        ComputeBackend b = oldBackend();
        // Row 0: [1, 2, 3] - logsumexp; row 1: logits 1000, 0, 0, which a naive exp overflows;
        // row 2: a masked -inf entry stays -inf and the others are unaffected.
        float[] x = {1, 2, 3, 1000, 0, 0, Float.NEGATIVE_INFINITY, 0, 0};
        float[] y = new float[10];
        b.logSoftmaxRows(3, 3, x, 0, y, 1);
        assertArrayEquals(new float[] {0, (float) (1 - LN_SUM_123), (float) (2 - LN_SUM_123), (float) (3 - LN_SUM_123),
                0f, -1000f, -1000f, Float.NEGATIVE_INFINITY, (float) -Math.log(2), (float) -Math.log(2)},
                y, "y[0] is before the offset and must stay untouched");
    }

    @Test
    void theDefaultLogSoftmaxWorksInPlace() {
        float[] x = {1, 2, 3};
        oldBackend().logSoftmaxRows(1, 3, x, 0, x, 0);
        assertArrayEquals(new float[] {(float) (1 - LN_SUM_123), (float) (2 - LN_SUM_123), (float) (3 - LN_SUM_123)}, x);
    }

    @Test
    void theDefaultBackwardPassIsDyMinusSoftmaxTimesTheRowSumOfDy() {
        // softmax = [0.25, 0.75], sum(dy) = 3: dx = [1 - 0.75, 2 - 2.25]; in place of dy.
        float[] y = {(float) Math.log(0.25), (float) Math.log(0.75)};
        float[] dy = {1, 2};
        oldBackend().logSoftmaxBackwardRows(1, 2, y, 0, dy, 0, dy, 0);
        assertEquals(0.25f, dy[0], 1e-7f);
        assertEquals(-0.25f, dy[1], 1e-7f);
    }

    @Test
    void theDefaultsRejectBadArgumentsNamingThem() {
        ComputeBackend b = oldBackend();
        ShapeException e = assertThrows(ShapeException.class, () -> b.logSoftmaxRows(2, 3, new float[6], 0, new float[5], 0));
        assertEquals("logSoftmaxRows: y", e.getMessage().substring(0, 17));
        e = assertThrows(ShapeException.class,
                () -> b.logSoftmaxBackwardRows(2, 3, new float[6], 0, new float[6], 1, new float[6], 0));
        assertEquals("logSoftmaxBackwardRows: dy", e.getMessage().substring(0, 26));
    }

    @Test
    void aForwardingBackendOverAnOldBackendReachesTheDefaults() {
        ComputeBackend forwarding = new ForwardingComputeBackend("forwarding", oldBackend()) {
        };
        float[] x = {1, 2, 3, 1000, 0, -1000};
        float[] expected = new float[6];
        float[] actual = new float[6];
        oldBackend().logSoftmaxRows(2, 3, x, 0, expected, 0);
        forwarding.logSoftmaxRows(2, 3, x, 0, actual, 0);
        assertArrayEquals(expected, actual);
    }
}
