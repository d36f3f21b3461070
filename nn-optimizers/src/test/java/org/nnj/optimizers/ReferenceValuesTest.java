package org.nnj.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.optimizers.Fixtures.assertSentinels;
import static org.nnj.optimizers.Fixtures.offsetParameter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;

/**
 * Every optimizer, with its defaults and with other settings, against values computed independently in
 * double precision: {@code reference/reference-values.txt}, written by {@code reference/reference.py}
 * beside it from {@code torch.optim} (float64) and a hand-written float64 version of each rule, which
 * the script checks against each other. The file holds the inputs (float32 weights and five float32
 * gradients) and, per case, the weights after each of five steps and the state after the fifth.
 *
 * <p>Tolerance: 1e-6 relative, element by element (an expected 0 must be exactly 0). The optimizers
 * compute in float32 with hyper-parameters rounded to float32, which the script mirrors; what is left
 * is float32 rounding, a few units of 6e-8.
 */
class ReferenceValuesTest {
    private static final ScalarBackend BACKEND = new ScalarBackend();
    private static final double TOLERANCE = 1e-6;
    private static final String FILE = "reference/reference-values.txt";
    /** The largest relative error of the current case, written to the test's output for the record. */
    private static final ThreadLocal<Double> largestError = ThreadLocal.withInitial(() -> 0.0);

    /** One case of the file: an optimizer, its config, and what five steps must give. */
    private record Case(String name, String optimizer, Config config, List<double[]> weights,
                        Map<String, double[]> tensors, Map<String, Double> scalars) {
    }

    private record Reference(double[] w0, List<double[]> gradients, List<Case> cases) {
    }

    private static Reference read() throws IOException {
        InputStream in = ReferenceValuesTest.class.getResourceAsStream(FILE);
        assertNotNull(in, FILE + " is missing from the test class path");
        double[] w0 = null;
        List<double[]> gradients = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            Case current = null;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                switch (f[0]) {
                    case "w0" -> w0 = numbers(f, 1);
                    case "grad" -> gradients.add(numbers(f, 2));
                    case "case" -> current = new Case(f[1], f[2], Config.parse(f.length > 3 ? f[3] : ""),
                            new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
                    case "w" -> current.weights().add(numbers(f, 2));
                    case "tensor" -> current.tensors().put(f[1], numbers(f, 2));
                    case "scalar" -> current.scalars().put(f[1], Double.parseDouble(f[2]));
                    case "end" -> cases.add(current);
                    default -> throw new IllegalStateException(FILE + ": unexpected line " + line);
                }
            }
        }
        return new Reference(w0, gradients, cases);
    }

    private static double[] numbers(String[] fields, int from) {
        return Arrays.stream(fields, from, fields.length).mapToDouble(Double::parseDouble).toArray();
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
            assertEquals(values[i], out[i], 0.0, "the reference inputs must be float32 values");
        }
        return out;
    }

    private static Map<String, OptimizerProvider> providers() {
        Map<String, OptimizerProvider> byName = new HashMap<>();
        ServiceLoader.load(OptimizerProvider.class).forEach(p -> byName.put(p.name(), p));
        return byName;
    }

    @TestFactory
    Stream<DynamicTest> everyOptimizerMatchesTheReferenceOverFiveSteps() throws IOException {
        Reference ref = read();
        Map<String, OptimizerProvider> providers = providers();
        return ref.cases().stream().map(c -> DynamicTest.dynamicTest(c.name() + " " + c.config(), () -> {
            largestError.set(0.0);
            Optimizer optimizer = providers.get(c.optimizer()).create(c.config());
            Parameter p = offsetParameter("w", floats(ref.w0()));
            for (int t = 0; t < c.weights().size(); t++) {
                float[] g = floats(ref.gradients().get(t));
                for (int i = 0; i < g.length; i++) {
                    p.gradient().setFlat(i, g[i]);
                }
                optimizer.step(BACKEND, List.of(p));
                assertRelative(c.weights().get(t), p.value(), c.name() + ": w after step " + (t + 1));
            }
            assertSentinels(p);
            OptimizerState state = optimizer.saveState();
            Map<String, Tensor> tensors = new HashMap<>();
            state.tensors().forEach((key, value) -> tensors.put(key.substring("w/".length()), value));
            assertEquals(new TreeSet<>(c.tensors().keySet()), new TreeSet<>(tensors.keySet()),
                    c.name() + ": the state's tensors");
            c.tensors().forEach((key, expected) -> assertRelative(expected, tensors.get(key), c.name() + ": " + key));
            c.scalars().forEach((key, expected) -> {
                double actual = state.scalar("w/" + key, Double.NaN);
                assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected),
                        c.name() + ": " + key + " expected " + expected + ", got " + actual);
            });
            assertEquals(5.0, state.scalar("w/step", -1), c.name() + ": step");
            System.out.printf("%-28s largest relative error %.2e%n", c.name(), largestError.get());
        }));
    }

    @Test
    void everyBuiltInOptimizerHasADefaultsCaseAndAnotherSettingsCase() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (Case c : read().cases()) {
            counts.merge(c.optimizer() + (c.config().keys().isEmpty() ? "/defaults" : "/other"), 1, Integer::sum);
        }
        for (String name : providers().keySet()) {
            assertTrue(counts.containsKey(name + "/defaults"), name + " has no case with its defaults");
            assertTrue(counts.containsKey(name + "/other"), name + " has no case with other settings");
        }
    }

    private static void assertRelative(double[] expected, Tensor actual, String what) {
        assertEquals(expected.length, actual.size(), what);
        for (int i = 0; i < expected.length; i++) {
            double a = actual.getFlat(i);
            double error = Math.abs(a - expected[i]);
            if (expected[i] != 0) {
                largestError.set(Math.max(largestError.get(), error / Math.abs(expected[i])));
            }
            assertTrue(error <= TOLERANCE * Math.abs(expected[i]), what + "[" + i + "]: expected " + expected[i]
                    + ", got " + a + ", relative error " + error / Math.abs(expected[i]));
        }
    }
}
