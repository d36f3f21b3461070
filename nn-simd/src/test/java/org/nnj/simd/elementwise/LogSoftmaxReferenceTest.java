package org.nnj.simd.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.simd.SimdBackend;

/**
 * The vectorised log-softmax kernels against PyTorch in float64: the {@code logsoftmax} blocks of
 * nn-layers' {@code losses-reference.txt} (written by {@code losses.py} beside it), read from the source tree
 * so that this module needs nn-layers neither at compile nor at test scope. The rows include logits of
 * {@code +-1000}, equal rows, masked {@code -inf} entries and rows of 37 (vector lanes and a tail).
 *
 * <p>Tolerances as in nn-layers' {@code LossesReferenceTest}: {@code 1e-6 |expected|} for the values (a
 * {@code -inf} exactly); {@code 1e-6 |expected| + 1e-7 (max |dy| + |sum dy|)} per row for the backward pass,
 * which may cancel. Measured (relative / absolute; 512-bit and 256-bit vectors): forward {@code 1.1e-7} /
 * {@code 1.9e-6} (at {@code -2000}: one float ulp is {@code 1.2e-4} there), backward {@code 1.7e-5} /
 * {@code 1.6e-7} (512) and {@code 1.1e-7} (256), the relative one where the result cancels; the worst
 * errors are printed.
 */
class LogSoftmaxReferenceTest {
    private static final Path FILE = Path.of("../nn-layers/src/test/resources/org/nnj/layers/reference/losses-reference.txt");
    private static final ComputeBackend SIMD = new SimdBackend(1);

    private record Block(String name, int rows, int cols, Map<String, double[]> fields) {
        float[] floats(String field) {
            double[] d = fields.get(field);
            float[] f = new float[d.length + 3]; // offset 3: the kernels must honour it
            for (int i = 0; i < d.length; i++) {
                f[3 + i] = (float) d[i];
            }
            return f;
        }
    }

    private static List<Block> blocks() throws IOException {
        assertTrue(Files.isRegularFile(FILE), FILE.toAbsolutePath() + " is missing (tests run in nn-simd/)");
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        for (String line : Files.readAllLines(FILE)) {
            String[] f = line.trim().split(" ");
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            } else if (f.length == 4 && f[0].matches("logsoftmax|nll|bce")) {
                current = f[0].equals("logsoftmax")
                        ? new Block(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), new LinkedHashMap<>()) : null;
                if (current != null) {
                    blocks.add(current);
                }
            } else if (current != null) {
                double[] v = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Double.parseDouble(f[i].replace("inf", "Infinity"));
                }
                current.fields().put(f[0], v);
            }
        }
        assertTrue(blocks.size() >= 5, "expected at least 5 log-softmax blocks, found " + blocks.size());
        return blocks;
    }

    @Test
    void logSoftmaxRowsAndTheBackwardPassMatchPyTorch() throws IOException {
        double[] worst = new double[4];
        for (Block b : blocks()) {
            int n = b.rows() * b.cols();
            float[] y = new float[n + 3];
            SIMD.logSoftmaxRows(b.rows(), b.cols(), b.floats("x"), 3, y, 3);
            compare(b.name() + " forward", b.fields().get("y"), y, new double[n], worst, 0);
            float[] dx = new float[n + 3];
            SIMD.logSoftmaxBackwardRows(b.rows(), b.cols(), y, 3, b.floats("dy"), 3, dx, 3);
            compare(b.name() + " backward", b.fields().get("dx"), dx, slack(b), worst, 2);
        }
        System.out.printf("SIMD log_softmax vs PyTorch (float64): worst relative error %.3g, absolute %.3g;"
                + " backward: relative %.3g, absolute %.3g%n", worst[0], worst[1], worst[2], worst[3]);
    }

    private static void compare(String what, double[] expected, float[] actual, double[] abs, double[] worst,
                                int at) {
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[3 + i];
            if (Double.isInfinite(e)) {
                assertEquals(e, a, what + " [" + i + "]: -inf must stay -inf");
                continue;
            }
            double error = Math.abs(a - e);
            worst[at + 1] = Math.max(worst[at + 1], error);
            if (Math.abs(e) >= 1e-30) {
                worst[at] = Math.max(worst[at], error / Math.abs(e));
            }
            double tolerance = 1e-6 * Math.abs(e) + abs[i];
            assertTrue(error <= tolerance, what + " [" + i + "]: expected " + e + ", got " + a + ", tolerance "
                    + tolerance);
        }
    }

    /** {@code 1e-7 * (max |dy| + |sum dy|)} of each element's row. */
    private static double[] slack(Block b) {
        double[] dy = b.fields().get("dy");
        double[] s = new double[dy.length];
        for (int r = 0; r < b.rows(); r++) {
            double max = 0;
            double sum = 0;
            for (int j = 0; j < b.cols(); j++) {
                max = Math.max(max, Math.abs(dy[r * b.cols() + j]));
                sum += dy[r * b.cols() + j];
            }
            for (int j = 0; j < b.cols(); j++) {
                s[r * b.cols() + j] = 1e-7 * (max + Math.abs(sum));
            }
        }
        return s;
    }
}
