package org.nnj.layers.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.activation.Activation;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.testkit.GradientChecker;

class ActivationsTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();

    static Stream<Activation> all() {
        return Stream.of(new Sigmoid(), new Tanh(), new Relu(), new LeakyRelu(), new LeakyRelu(0.2),
                new Softmax(), new Identity(), new Elu(), new Elu(0.5), new Selu(), new Gelu(), new Gelu("tanh"),
                new Softplus(), new Softplus(2, 5), new LogSoftmax());
    }

    static Stream<ElementwiseActivation> elementwise() {
        return all().filter(a -> a instanceof ElementwiseActivation).map(a -> (ElementwiseActivation) a);
    }

    private static float[] forward(Activation a, float... x) {
        Tensor out = Tensor.zeros(1, x.length);
        a.forward(BACKEND, Tensor.of(x, 1, x.length), out);
        return out.toArray();
    }

    // ---------------------------------------------------------------- values at known points

    @Test
    void sigmoidAtKnownPoints() {
        Sigmoid s = new Sigmoid();
        assertArrayEquals(new float[] {0.5f, 0.7310586f, 0.26894142f, 1f, 0f},
                forward(s, 0, 1, -1, 1000, -1000), 1e-7f);
        assertEquals(0.5f, s.apply(0));
        assertEquals(0.25f, s.derivative(0, 0.5f));
    }

    @Test
    void tanhAtKnownPoints() {
        assertArrayEquals(new float[] {0f, 0.7615942f, -0.7615942f, 1f, -1f},
                forward(new Tanh(), 0, 1, -1, 50, -50), 1e-7f);
        assertEquals(1f, new Tanh().derivative(0, 0));
    }

    @Test
    void reluAtKnownPoints() {
        assertArrayEquals(new float[] {0f, 0f, 0f, 2.5f}, forward(new Relu(), -3, -0f, 0, 2.5f));
        assertEquals(0f, new Relu().derivative(0, 0), "0 at the kink, as in PyTorch");
        assertEquals(1f, new Relu().derivative(1, 1));
    }

    @Test
    void leakyReluAtKnownPoints() {
        assertArrayEquals(new float[] {-0.2f, 0f, 3f}, forward(new LeakyRelu(0.1), -2, 0, 3), 1e-7f);
        assertArrayEquals(new float[] {-0.02f, 3f}, forward(new LeakyRelu(), -2, 3), 1e-9f);
        assertEquals(0.01, new LeakyRelu().alpha(), "PyTorch's default negative slope");
        assertEquals(0.1f, new LeakyRelu(0.1).derivative(-2, -0.2f), 1e-9f);
    }

    @Test
    void softmaxOfOneTwoThree() {
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, forward(new Softmax(), 1, 2, 3), 1e-7f);
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f},
                forward(new Softmax(), 1000, 1001, 1002), 1e-7f);
        assertArrayEquals(new float[] {0f, 0.5f, 0.5f}, forward(new Softmax(), -1000, 1000, 1000), 1e-7f);
    }

    @Test
    void softmaxWorksOverTheLastDimensionOfEveryRow() {
        // [2, 2, 3]: four independent rows of three
        float[] x = {1, 2, 3, 0, 0, 0, 3, 2, 1, -1, 0, 1};
        Tensor out = Tensor.zeros(2, 2, 3);
        new Softmax().forward(BACKEND, Tensor.of(x, 2, 2, 3), out);
        float third = 1f / 3;
        assertArrayEquals(new float[] {
            0.09003057f, 0.24472847f, 0.66524096f, third, third, third,
            0.66524096f, 0.24472847f, 0.09003057f, 0.09003057f, 0.24472847f, 0.66524096f}, out.toArray(), 1e-7f);
    }

    @Test
    void softmaxBackwardIsTheJacobianVectorProduct() {
        // y = softmax([1, 2, 3]); dx_i = sum_j dy_j * y_j (delta_ij - y_i) = y_i (dy_i - dot(dy, y))
        Softmax softmax = new Softmax();
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Tensor y = Tensor.zeros(1, 3);
        softmax.forward(BACKEND, x, y);
        Tensor dy = Tensor.of(new float[] {1, 0, 0}, 1, 3);
        Tensor dx = Tensor.zeros(1, 3);
        softmax.backward(BACKEND, x, y, dy, dx);
        double y0 = 0.09003057317038046;
        double y1 = 0.24472847105479767;
        double y2 = 0.6652409557748219;
        assertArrayEquals(new float[] {(float) (y0 * (1 - y0)), (float) (-y0 * y1), (float) (-y0 * y2)},
                dx.toArray(), 1e-7f);
    }

    @Test
    void identityCopies() {
        assertArrayEquals(new float[] {-2, 0, 3.5f}, forward(new Identity(), -2, 0, 3.5f));
    }

    // ---------------------------------------------------------------- ELU, SELU, GELU, softplus

    @Test
    void smoothActivationsAtKnownPoints() {
        // elu(-1) = exp(-1) - 1; gelu(1) = Phi(1); softplus(0) = log 2; selu(1) = scale;
        // softplus with beta 2 at 2.5 (beta * x = 5, not above the threshold): log(1 + exp(5)) / 2.
        assertArrayEquals(new float[] {-0.63212055882f, 0f, 2f}, forward(new Elu(), -1, 0, 2), 1e-7f);
        assertArrayEquals(new float[] {-0.31606027941f}, forward(new Elu(0.5), -1), 1e-7f);
        assertArrayEquals(new float[] {1.0507009873554805f, -1.1113307378125628f}, forward(new Selu(), 1, -1), 1e-7f);
        assertArrayEquals(new float[] {0.8413447460685429f, 0f, -0.15865525393145707f}, forward(new Gelu(), 1, 0, -1),
                1e-7f);
        assertArrayEquals(new float[] {0.8411919906082768f}, forward(new Gelu("tanh"), 1), 1e-7f);
        assertArrayEquals(new float[] {0.6931471805599453f, 25f}, forward(new Softplus(), 0, 25), 1e-7f);
        assertArrayEquals(new float[] {3f, 2.503357674244559f}, forward(new Softplus(2, 5), 3, 2.5f), 1e-7f);
    }

    @Test
    void derivativesAtTheKinksFollowPyTorch() {
        assertEquals(1f, new Elu().derivative(0, 0), "ELU at 0: alpha * exp(0), the left side");
        assertEquals(0.5f, new Elu(0.5).derivative(0, 0));
        assertEquals((float) (1.0507009873554805 * 1.6732632423543772), new Selu().derivative(0, 0), 1e-6f);
        assertEquals(0.5f, new Gelu().derivative(0, 0));
        assertEquals(0.5f, new Softplus().derivative(0, 0.6931472f));
        assertEquals((float) (1 / (1 + Math.exp(-5))), new Softplus(2, 5).derivative(2.5f, 2.5f), 1e-7f,
                "at beta * x == threshold, still the sigmoid");
        assertEquals(1f, new Softplus(2, 5).derivative(2.5000002f, 2.5000002f), "above it, 1");
    }

    @Test
    void badSmoothActivationConfigsNameTheKey() {
        assertConfigError("elu: 'alpha' must be a finite number", () -> new EluProvider().create(Config.of("alpha",
                Double.NaN)));
        assertConfigError("elu: 'alpha' must be a finite number", () -> new Elu(1e300));
        assertConfigError("softplus: 'beta' must be above 0, got 0.0", () -> new Softplus(0, 20));
        assertConfigError("softplus: 'beta' must be above 0, got -1.0",
                () -> new SoftplusProvider().create(Config.of("beta", -1.0)));
        assertConfigError("softplus: 'beta' must be above 0", () -> new Softplus(1e-50, 20));
        assertConfigError("softplus: 'threshold' must be a finite number",
                () -> new SoftplusProvider().create(Config.of("threshold", Double.POSITIVE_INFINITY)));
        assertConfigError("gelu: 'approximate' must be 'none' or 'tanh', got 'erf'",
                () -> new GeluProvider().create(Config.of("approximate", "erf")));
        assertConfigError("[approximate]", () -> new GeluProvider().create(Config.of("approx", "tanh")));
        assertConfigError("[]", () -> new SeluProvider().create(Config.of("alpha", 1.0)));
    }

    private static void assertConfigError(String expected, org.junit.jupiter.api.function.Executable create) {
        ConfigException e = assertThrows(ConfigException.class, create);
        assertTrue(e.getMessage().contains(expected) && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void smoothActivationConfigsRoundTrip() {
        assertEquals(Config.of("alpha", 0.5), new EluProvider().create(Config.of("alpha", 0.5)).config());
        assertEquals(Config.of("alpha", 1.0), new EluProvider().create(Config.empty()).config());
        assertEquals(Config.of("approximate", "none"), new GeluProvider().create(Config.empty()).config());
        assertEquals(Config.of("approximate", "tanh"), new GeluProvider().create(Config.of("approximate", "tanh"))
                .config());
        assertEquals(Config.of("beta", 1.0, "threshold", 20.0), new SoftplusProvider().create(Config.empty()).config());
        assertEquals(Config.empty(), new SeluProvider().create(Config.empty()).config());
    }

    // ---------------------------------------------------------------- kernels against the scalar definitions

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void backendKernelsAgreeWithTheScalarDefinition(ElementwiseActivation a) {
        SplittableRandom random = new SplittableRandom(5L);
        int n = 257;
        float[] xs = new float[n];
        float[] dys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (float) random.nextDouble(-6, 6);
            dys[i] = (float) random.nextDouble(-1, 1);
        }
        Tensor x = Tensor.of(xs, n);
        Tensor y = Tensor.zeros(n);
        Tensor dx = Tensor.zeros(n);
        a.forward(BACKEND, x, y);
        a.backward(BACKEND, x, y, Tensor.of(dys, n), dx);
        for (int i = 0; i < n; i++) {
            float expectedY = a.apply(xs[i]);
            assertEquals(expectedY, y.getFlat(i), 1e-6f * (1 + Math.abs(expectedY)), a + " at " + xs[i]);
            float expectedDx = dys[i] * a.derivative(xs[i], expectedY);
            assertEquals(expectedDx, dx.getFlat(i), 1e-6f, a + "' at " + xs[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void worksInPlace(ElementwiseActivation a) {
        float[] xs = {-1.5f, -0.25f, 0.5f, 2f};
        Tensor t = Tensor.of(xs, 1, 4);
        a.forward(BACKEND, t, t);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(a.apply(xs[i]), t.getFlat(i), 1e-6f);
        }
    }

    @Test
    void respectsOffsets() {
        float[] data = {99, 99, -1, 2, 99};
        Tensor x = Tensor.wrap(data, 2, Shape.of(1, 2));
        Tensor y = Tensor.wrap(new float[] {7, 7, 7, 7}, 1, Shape.of(1, 2));
        new Relu().forward(BACKEND, x, y);
        assertArrayEquals(new float[] {7, 0, 2, 7}, y.data(), "only the view's elements are written");
    }

    // ---------------------------------------------------------------- finite differences

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void gradientsMatchFiniteDifferences(Activation a) {
        GradientChecker.checkActivation(a, BACKEND, Shape.of(4, 7), 17L);
        GradientChecker.checkActivation(a, BACKEND, Shape.of(1, 1), 18L);
        GradientChecker.checkActivation(a, BACKEND, Shape.of(2, 3, 5), 19L);
    }

    // ---------------------------------------------------------------- errors and configs

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void mismatchedShapesAreRejectedWithBothShapes(Activation a) {
        ShapeException e = assertThrows(ShapeException.class,
                () -> a.forward(BACKEND, Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().startsWith(a.type() + ":") && e.getMessage().contains("[2, 4]")
                && e.getMessage().contains("[2, 3]"), e.getMessage());
        Tensor x = Tensor.zeros(2, 3);
        assertThrows(ShapeException.class,
                () -> a.backward(BACKEND, x, Tensor.zeros(2, 3), Tensor.zeros(3, 2), Tensor.zeros(2, 3)));
    }

    @Test
    void leakyReluRejectsANonFiniteAlpha() {
        assertThrows(ConfigException.class, () -> new LeakyRelu(Double.NaN));
        assertThrows(ConfigException.class, () -> new LeakyReluProvider().create(Config.of("alpha", "big")));
    }

    @Test
    void providersBuildWhatTheirNamesSayAndRebuildFromConfig() {
        List<org.nnj.api.spi.ActivationProvider> providers = List.of(new SigmoidProvider(), new TanhProvider(),
                new ReluProvider(), new LeakyReluProvider(), new SoftmaxProvider(), new IdentityProvider(),
                new EluProvider(), new SeluProvider(), new GeluProvider(), new SoftplusProvider(),
                new LogSoftmaxProvider());
        for (var provider : providers) {
            Activation a = provider.create(Config.empty());
            assertEquals(provider.name(), a.type());
            assertTrue(!provider.description().isBlank(), provider.name());
            Activation again = provider.create(a.config());
            assertEquals(a.config(), again.config());
        }
        Activation leaky = new LeakyReluProvider().create(Config.of("alpha", 0.2));
        assertEquals(Config.of("alpha", 0.2), leaky.config());
        assertEquals(-0.4f, ((LeakyRelu) leaky).apply(-2), 1e-7f);
        assertEquals(Config.of("alpha", 0.01), new LeakyReluProvider().create(Config.empty()).config());
    }

    @Test
    void providersRejectUnknownKeys() {
        ConfigException relu = assertThrows(ConfigException.class,
                () -> new ReluProvider().create(Config.of("alpha", 0.1)));
        assertTrue(relu.getMessage().contains("[alpha]"), relu.getMessage());
        ConfigException leaky = assertThrows(ConfigException.class,
                () -> new LeakyReluProvider().create(Config.of("slope", 0.1)));
        assertTrue(leaky.getMessage().contains("[slope]") && leaky.getMessage().contains("[alpha]"),
                leaky.getMessage());
    }
}
