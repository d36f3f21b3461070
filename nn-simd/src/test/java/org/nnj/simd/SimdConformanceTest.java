package org.nnj.simd;

import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.testkit.BackendConformance;

/**
 * The whole conformance kit of nn-core against the scalar reference, for the SIMD backend on one thread, and
 * its convolution and pooling checks on two threads, where large enough calls are split over the worker
 * pool (the GEMM's own splitting is tested in {@code SgemmTest}). Surefire runs this class once with
 * 512-bit and once with 256-bit vectors.
 */
class SimdConformanceTest {
    private static final ComputeBackend SCALAR = new ScalarBackend();

    @Test
    void oneThreadConformsToTheScalarReference() {
        BackendConformance.assertConforms(new SimdBackend(1), SCALAR);
    }

    @Test
    void twoThreadsConformToTheScalarReference() {
        ComputeBackend simd = new SimdBackend(2);
        BackendConformance.assertConvolutionConforms(simd, SCALAR);
        BackendConformance.assertPoolingConforms(simd, SCALAR);
    }
}
