package org.nnj.simd.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.math.ActivationFunctions;
import org.nnj.fixtures.ActivationReference;
import org.nnj.fixtures.ActivationReference.Case;
import org.nnj.simd.SimdBackend;

/**
 * The SIMD backend's ELU, SELU, GELU and softplus kernels, forward and backward (output gradient 1), against
 * PyTorch and the exact values: the file that nn-layers' {@code activations.py} wrote (the build adds it to this
 * module's test resources), with the tolerances of {@link ActivationReference} (1e-6 relative, plus 1e-14
 * against PyTorch for its own float64 errors in the tails, plus 1e-44 against the exact values for denormal
 * results). About 870 inputs per function: whole vectors and a scalar tail. The worst errors are printed.
 */
class SmoothActivationsAgainstPyTorchTest {

    /** Runs the kernel of {@code c} on {@code backend}: forward into {@code y}, or backward into {@code dx}. */
    private static void run(ComputeBackend backend, Case c, boolean backward, float[] x, float[] out) {
        Map<String, String> config = c.config();
        int n = x.length;
        float[] dy = new float[n];
        Arrays.fill(dy, 1f);
        switch (c.type()) {
            case "elu":
            case "selu": {
                boolean selu = c.type().equals("selu");
                float alpha = selu ? (float) ActivationFunctions.SELU_ALPHA
                        : Float.parseFloat(config.getOrDefault("alpha", "1"));
                float scale = selu ? (float) ActivationFunctions.SELU_SCALE : 1f;
                if (backward) {
                    backend.eluBackward(n, alpha, scale, x, 0, dy, 0, out, 0);
                } else {
                    backend.elu(n, alpha, scale, x, 0, out, 0);
                }
                break;
            }
            case "gelu": {
                boolean tanh = config.getOrDefault("approximate", "none").equals("tanh");
                if (backward) {
                    backend.geluBackward(tanh, n, x, 0, dy, 0, out, 0);
                } else {
                    backend.gelu(tanh, n, x, 0, out, 0);
                }
                break;
            }
            case "softplus": {
                float beta = Float.parseFloat(config.getOrDefault("beta", "1"));
                float threshold = Float.parseFloat(config.getOrDefault("threshold", "20"));
                if (backward) {
                    backend.softplusBackward(n, beta, threshold, x, 0, dy, 0, out, 0);
                } else {
                    backend.softplus(n, beta, threshold, x, 0, out, 0);
                }
                break;
            }
            default:
                throw new AssertionError("no kernel for " + c.function());
        }
    }

    /**
     * Checks every case on {@code simd}; {@code repeats} runs of each kernel on 8192 elements first give the JIT
     * the chance to compile the vector code with its intrinsics (the Vector API's math library), whose results differ from the
     * interpreter's, which computes each lane with {@code java.lang.Math}.
     */
    private static void check(String title, int repeats) {
        ComputeBackend simd = new SimdBackend(1);
        List<Case> cases = ActivationReference.read(SmoothActivationsAgainstPyTorchTest.class);
        assertEquals(7, cases.size(), "the reference holds the seven functions");
        List<ActivationReference.Errors> all = new ArrayList<>();
        for (Case c : cases) {
            float[] x = c.x();
            float[] y = new float[x.length];
            float[] dx = new float[x.length];
            if (repeats > 0) {
                // The inputs repeated to 8192 elements: long loops, which the JIT compiles sooner.
                float[] longX = new float[8192];
                for (int i = 0; i < longX.length; i++) {
                    longX[i] = x[i % x.length];
                }
                float[] longOut = new float[longX.length];
                for (int r = 0; r < repeats; r++) {
                    run(simd, c, false, longX, longOut);
                    run(simd, c, true, longX, longOut);
                }
            }
            run(simd, c, false, x, y);
            run(simd, c, true, x, dx);
            all.addAll(ActivationReference.compare(c, "forward kernel", false, y));
            all.addAll(ActivationReference.compare(c, "backward kernel", true, dx));
        }
        ActivationReference.report(simd.description() + ", " + title, all);
    }

    /**
     * First on the first calls (interpreted: each lane through {@code java.lang.Math}), then after a warm-up of
     * every kernel, in one test method so that the first check really runs before the JIT has compiled anything of
     * these kernels.
     */
    @Test
    void theSimdKernelsMatchPyTorchBeforeAndAfterTheJitCompilesThem() {
        check("first calls", 0);
        check("after " + WARM_UP + " calls of each kernel on 8192 elements", WARM_UP);
    }

    private static final int WARM_UP = 200;
}
