package org.nnj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.ForwardingComputeBackend;
import org.nnj.core.backend.ScalarBackend;

/**
 * {@link ForwardingComputeBackend} as a backend author uses it: one kernel replaced, every other one forwarded,
 * and the result a backend that passes the whole conformance kit.
 */
class ForwardingComputeBackendTest {

    /** Counts the kernels that reach it and forwards them to a scalar backend. */
    private static final class Counting extends ForwardingComputeBackend {
        final AtomicInteger gemms = new AtomicInteger();
        final AtomicInteger relus = new AtomicInteger();
        final AtomicInteger softmaxes = new AtomicInteger();

        Counting() {
            super("counting", new ScalarBackend());
        }

        @Override
        protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
            gemms.incrementAndGet();
            super.doGemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }

        @Override
        protected void doRelu(int n, float[] x, int xOff, float[] y, int yOff) {
            relus.incrementAndGet();
            super.doRelu(n, x, xOff, y, yOff);
        }

        @Override
        protected void doSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
            softmaxes.incrementAndGet();
            super.doSoftmaxRows(rows, cols, x, xOff, y, yOff);
        }
    }

    /** Its own GEMM (a plain triple loop, as a native library would be called) over another backend's kernels. */
    private static final class OwnGemm extends ForwardingComputeBackend {
        final AtomicInteger gemms = new AtomicInteger();

        OwnGemm(ComputeBackend delegate) {
            super("own-gemm", delegate);
        }

        @Override
        protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
            gemms.incrementAndGet();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = 0f;
                    if (alpha != 0f) { // BLAS: alpha == 0 reads neither A nor B
                        for (int p = 0; p < k; p++) {
                            float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                            float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                            sum += aip * bpj;
                        }
                    }
                    int at = cOff + i * ldc + j;
                    c[at] = alpha * sum + (beta == 0f ? 0f : beta * c[at]); // beta == 0 never reads C
                }
            }
        }
    }

    @Test
    void forwardingEveryKernelToTheScalarBackendConforms() {
        // Each kernel reaches the delegate's kernel of the same name with its arguments in the same order: the
        // kit runs every kernel at distinct offsets, where an exchanged pair of ints would show.
        BackendConformance.assertConforms(new ForwardingComputeBackend("forwarding", new ScalarBackend()));
    }

    @Test
    void aBackendWithItsOwnGemmConformsAndItsGemmIsTheOneThatRuns() {
        Counting delegate = new Counting();
        OwnGemm backend = new OwnGemm(delegate);

        BackendConformance.assertConforms(backend);

        assertTrue(backend.gemms.get() > 10, "own GEMM ran " + backend.gemms.get() + " times");
        assertEquals(0, delegate.gemms.get(), "no GEMM call was forwarded");
        assertTrue(delegate.relus.get() > 0, "relu was forwarded");
        assertTrue(delegate.softmaxes.get() > 0, "softmaxRows was forwarded");
    }

    @Test
    void aReplacedKernelGetsOnlyValidatedArguments() {
        OwnGemm backend = new OwnGemm(new ScalarBackend());

        ShapeException e = assertThrows(ShapeException.class, () -> backend.gemm(false, false, 2, 3, 4,
                1f, new float[8], 0, 4, new float[12], 0, 3, 0f, new float[5], 0, 3));

        assertTrue(e.getMessage().contains("gemm"), e.getMessage());
        assertEquals(0, backend.gemms.get(), "the replaced kernel never saw the bad call");
    }

    @Test
    void takesTheDelegatesThreadsAndNamesBothBackends() {
        ForwardingComputeBackend backend = new ForwardingComputeBackend("own-gemm", new ScalarBackend(3));

        assertEquals("own-gemm", backend.name());
        assertEquals(3, backend.threads());
        assertEquals("own-gemm over scalar (3 threads)", backend.description());
        assertThrows(NullPointerException.class, () -> new ForwardingComputeBackend("x", null));
    }
}
