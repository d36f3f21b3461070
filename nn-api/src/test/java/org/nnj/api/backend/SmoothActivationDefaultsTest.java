package org.nnj.api.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nnj.api.ShapeException;
import org.nnj.api.math.ActivationFunctions;

/**
 * A backend written against 1.0.0, which implements {@link ElementwiseKernels} without the smooth activations,
 * gets them from the interface's default methods: checked arguments and the reference values.
 */
class SmoothActivationDefaultsTest {

    /** Implements only the 1.0.0 methods, by refusing them; the default methods run as they are. */
    private static ElementwiseKernels oldBackend() {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (ElementwiseKernels) Proxy.newProxyInstance(ElementwiseKernels.class.getClassLoader(),
                new Class<?>[] {ElementwiseKernels.class}, handler);
    }

    @Test
    void theDefaultMethodsComputeTheReference() {
        ElementwiseKernels k = oldBackend();
        float[] x = {-30f, -2f, -0f, 1e-6f, 0.5f, 19.5f, Float.NaN};
        int n = x.length;
        float[] dy = {1f, 0.5f, -1f, 2f, 1f, -3f, 1f};
        float[] expected = new float[n];
        float[] actual = new float[n + 2];

        float alpha = (float) ActivationFunctions.SELU_ALPHA;
        float scale = (float) ActivationFunctions.SELU_SCALE;
        for (int i = 0; i < n; i++) {
            expected[i] = (float) ActivationFunctions.elu(x[i], alpha, scale);
        }
        k.elu(n, alpha, scale, x, 0, actual, 2);
        assertArrayEquals(expected, Arrays.copyOfRange(actual, 2, n + 2), "SELU, written from offset 2");

        for (int i = 0; i < n; i++) {
            expected[i] = (float) (dy[i] * ActivationFunctions.eluDerivative(x[i], 1, 1));
        }
        k.eluBackward(n, 1f, 1f, x, 0, dy, 0, actual, 0);
        assertArrayEquals(expected, Arrays.copyOf(actual, n));

        for (int i = 0; i < n; i++) {
            expected[i] = (float) ActivationFunctions.gelu(x[i]);
        }
        k.gelu(false, n, x, 0, actual, 0);
        assertArrayEquals(expected, Arrays.copyOf(actual, n));

        for (int i = 0; i < n; i++) {
            expected[i] = (float) (dy[i] * ActivationFunctions.geluDerivative(x[i]));
        }
        k.geluBackward(false, n, x, 0, dy, 0, actual, 0);
        assertArrayEquals(expected, Arrays.copyOf(actual, n));

        for (int i = 0; i < n; i++) {
            expected[i] = (float) ActivationFunctions.softplus(x[i], 2, 5);
        }
        k.softplus(n, 2f, 5f, x, 0, actual, 0);
        assertArrayEquals(expected, Arrays.copyOf(actual, n));

        float[] inPlace = dy.clone();
        for (int i = 0; i < n; i++) {
            expected[i] = (float) (dy[i] * ActivationFunctions.softplusDerivative(x[i], 1, 20));
        }
        k.softplusBackward(n, 1f, 20f, x, 0, inPlace, 0, inPlace, 0);
        assertArrayEquals(expected, inPlace, "dx in place of dy");
    }

    @Test
    void theDefaultMethodsCheckTheirArguments() {
        ElementwiseKernels k = oldBackend();
        ShapeException e = assertThrows(ShapeException.class,
                () -> k.gelu(true, 4, new float[4], 0, new float[3], 0));
        assertTrue(e.getMessage().startsWith("gelu: y: 4 elements"), e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> k.softplusBackward(4, 1f, 20f, new float[4], 1, new float[4], 0, new float[4], 0));
        assertTrue(e.getMessage().startsWith("softplusBackward: x: 4 elements from offset 1"), e.getMessage());
    }
}
