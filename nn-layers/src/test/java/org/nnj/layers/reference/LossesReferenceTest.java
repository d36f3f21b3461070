package org.nnj.layers.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.layers.activation.LogSoftmax;
import org.nnj.layers.loss.BinaryCrossEntropy;
import org.nnj.layers.loss.NegativeLogLikelihood;

/**
 * {@code log_softmax}, {@code nll} and {@code bce} on the scalar backend against PyTorch in float64:
 * {@code losses-reference.txt}, written by {@code losses.py} beside it (which says what each case holds).
 * The inputs are float32 values; the outputs are float32, so their own rounding is up to {@code 6e-8}
 * relative.
 *
 * <h2>Tolerances</h2>
 * An element passes when {@code |actual - expected| <= 1e-6 |expected| + abs}, and a {@code -inf} must be
 * {@code -inf}: {@code abs} is 0 for the log-softmax values, the losses and their gradients (relative
 * {@code 1e-6} throughout, an expected 0 exactly 0), and {@code 1e-7 * (max |dy| + |sum dy|)} per row for
 * the log-softmax backward pass, whose {@code dy - exp(y) sum(dy)} may cancel down to rounding of its float
 * inputs. The worst errors measured are printed at the end (relative errors over elements with
 * {@code |expected| >= 1e-30}). Measured with the committed file (relative / absolute):
 * <ul>
 *   <li>log_softmax {@code 5.5e-8} / {@code 1.6e-6} (at {@code -2000});</li>
 *   <li>its backward pass {@code 1.1e-5} / {@code 4.9e-8}: the relative error comes from an element where
 *       {@code dy - exp(y) sum(dy)} cancels, and stays far inside the absolute slack;</li>
 *   <li>nll {@code 4.0e-8} / {@code 2.9e-8}, its gradient {@code 3.0e-8} / {@code 9.9e-9};</li>
 *   <li>bce {@code 4.7e-8} / {@code 1.2e-6} (the clamped loss of 200), its gradient {@code 4.9e-8} /
 *       {@code 8.1e3} (at {@code -1.000000004e12}, a float32 rounding).</li>
 * </ul>
 */
class LossesReferenceTest {
    private static final ComputeBackend SCALAR = new ScalarBackend();
    private static final String FILE = "losses-reference.txt";
    private static final double RELATIVE = 1e-6;
    private static final Map<String, double[]> WORST = new TreeMap<>();

    /** One block of the file: its kind (logsoftmax, nll, bce), name, shape and fields. */
    record Case(String kind, String name, int rows, int cols, Map<String, double[]> fields) {
        float[] floats(String field) {
            double[] d = fields.get(field);
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
                assertEquals(d[i], f[i], 0.0, name + ": " + field + " must hold float32 values");
            }
            return f;
        }

        Tensor tensor(String field) {
            return Tensor.of(floats(field), rows, cols);
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    static List<Case> read(InputStream in) throws IOException {
        assertNotNull(in, FILE + " is missing from the test class path");
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                if (f.length == 4 && f[0].matches("logsoftmax|nll|bce")) {
                    cases.add(new Case(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            new LinkedHashMap<>()));
                } else {
                    double[] values = new double[f.length - 1];
                    for (int i = 1; i < f.length; i++) {
                        values[i - 1] = Double.parseDouble(f[i].replace("inf", "Infinity"));
                    }
                    cases.get(cases.size() - 1).fields().put(f[0], values);
                }
            }
        }
        return cases;
    }

    private static List<Case> cases(String kind) throws IOException {
        List<Case> all = read(LossesReferenceTest.class.getResourceAsStream(FILE));
        List<Case> some = all.stream().filter(c -> c.kind().equals(kind)).toList();
        assertTrue(some.size() >= 4, "the file should hold at least 4 " + kind + " cases, has " + some.size());
        return some;
    }

    /**
     * {@code actual[i]} is within {@code RELATIVE |expected[i]| + abs[i]} of {@code expected[i]}, an
     * infinity exactly; the worst errors are kept under {@code what}.
     */
    static void assertClose(String what, double[] expected, float[] actual, double[] abs) {
        assertEquals(expected.length, actual.length, what + ": length");
        double[] worst = WORST.computeIfAbsent(what.substring(0, what.indexOf(' ')), k -> new double[2]);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isInfinite(e)) {
                assertEquals(e, a, what + " [" + i + "]: an infinity must be kept");
                continue;
            }
            double error = Math.abs(a - e);
            worst[1] = Math.max(worst[1], error);
            if (Math.abs(e) >= 1e-30) {
                worst[0] = Math.max(worst[0], error / Math.abs(e));
            }
            assertTrue(error <= RELATIVE * Math.abs(e) + abs[i], what + " [" + i + "]: expected " + e + ", got " + a
                    + " (error " + error + ", tolerance " + (RELATIVE * Math.abs(e) + abs[i]) + ")");
        }
    }

    static void assertClose(String what, double[] expected, float[] actual) {
        assertClose(what, expected, actual, new double[expected.length]);
    }

    /** {@code 1e-7 * (max |dy| + |sum dy|)} of each element's row: the rounding scale of the backward pass. */
    static double[] backwardSlack(Case c) {
        double[] dy = c.fields().get("dy");
        double[] slack = new double[dy.length];
        for (int r = 0; r < c.rows(); r++) {
            double max = 0;
            double sum = 0;
            for (int j = 0; j < c.cols(); j++) {
                max = Math.max(max, Math.abs(dy[r * c.cols() + j]));
                sum += dy[r * c.cols() + j];
            }
            for (int j = 0; j < c.cols(); j++) {
                slack[r * c.cols() + j] = 1e-7 * (max + Math.abs(sum));
            }
        }
        return slack;
    }

    @AfterAll
    static void printTheWorstErrors() {
        WORST.forEach((what, w) -> System.out.printf("%s vs PyTorch (float64): worst relative error %.3g, worst"
                + " absolute error %.3g%n", what, w[0], w[1]));
    }

    @Test
    void logSoftmaxForwardAndBackwardMatchPyTorch() throws IOException {
        LogSoftmax f = new LogSoftmax();
        for (Case c : cases("logsoftmax")) {
            Tensor x = c.tensor("x");
            Tensor y = Tensor.zeros(x.shape());
            f.forward(SCALAR, x, y);
            assertClose("log_softmax " + c.name(), c.fields().get("y"), y.toArray());
            Tensor dx = Tensor.zeros(x.shape());
            f.backward(SCALAR, x, y, c.tensor("dy"), dx);
            assertClose("log_softmax_backward " + c.name(), c.fields().get("dx"), dx.toArray(), backwardSlack(c));
        }
    }

    @Test
    void nllMatchesPyTorch() throws IOException {
        lossMatchesPyTorch(new NegativeLogLikelihood(), "nll", "x");
    }

    @Test
    void bceMatchesPyTorch() throws IOException {
        lossMatchesPyTorch(new BinaryCrossEntropy(), "bce", "p");
    }

    private static void lossMatchesPyTorch(Loss loss, String kind, String input) throws IOException {
        for (Case c : cases(kind)) {
            Tensor predictions = c.tensor(input);
            Tensor gradient = Tensor.zeros(predictions.shape());
            float value = loss.compute(SCALAR, predictions, c.tensor("t"), gradient);
            assertClose(kind + " " + c.name() + " loss", c.fields().get("loss"), new float[] {value});
            assertClose(kind + "_gradient " + c.name(), c.fields().get("grad"), gradient.toArray());
        }
    }
}
