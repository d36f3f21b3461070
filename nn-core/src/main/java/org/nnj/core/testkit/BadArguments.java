package org.nnj.core.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;

/** Calls with bad arguments, which a backend must reject with a {@link ShapeException} and no writes. */
final class BadArguments {
    private BadArguments() {
    }

    /** A 3x4 A, a 4x5 B and a 3x5 C, all dense: the valid call the bad ones are variations of. */
    private static void gemm(ComputeBackend backend, float[] c, int m, int lda, int aLength, int ldc, int cOff) {
        backend.gemm(false, false, m, 5, 4, 1f, new float[aLength], 0, lda, new float[20], 0, 5, 0f, c, cOff, ldc);
    }

    static void check(ComputeBackend cand, ComputeBackend ref) {
        expectSameMessage(cand, ref, "gemm with lda 3 < k = 4", (b, c) -> gemm(b, c, 3, 3, 12, 5, 0));
        expectSameMessage(cand, ref, "gemm with A too short", (b, c) -> gemm(b, c, 3, 4, 11, 5, 0));
        expectSameMessage(cand, ref, "gemm with ldc 4 < n = 5", (b, c) -> gemm(b, c, 3, 4, 12, 4, 0));
        expectSameMessage(cand, ref, "gemm with C too short for its offset", (b, c) -> gemm(b, c, 3, 4, 12, 5, 1));
        expectSameMessage(cand, ref, "gemm with negative m", (b, c) -> gemm(b, c, -1, 4, 12, 5, 0));
        expectSameMessage(cand, ref, "gemm with null B", (b, c) -> b.gemm(false, false, 3, 5, 4, 1f,
                new float[12], 0, 4, null, 0, 5, 0f, c, 0, 5));
        expectSameMessage(cand, ref, "gemm with a negative offset of C", (b, c) -> gemm(b, c, 3, 4, 12, 5, -1));
        expect(cand, "relu with n past the end of y",
                c -> cand.relu(new float[20], 0, c, 0, 20));
        expect(cand, "sigmoid with a negative offset", c -> cand.sigmoid(new float[15], -1, c, 0, 5));
        expect(cand, "axpy with y too short", c -> cand.axpy(16, 1f, new float[16], 0, c, 0));
        expect(cand, "softmaxRows with y too short", c -> cand.softmaxRows(new float[20], 0, c, 0, 4, 5));
        expect(cand, "logSumExpRows with out too short", c -> cand.logSumExpRows(new float[40], 0, 20, 2, c, 0));
        expect(cand, "addRowVector with v too short", c -> cand.addRowVector(c, 0, 3, 5, new float[4], 0));
        expect(cand, "adamStep with v too short", c -> cand.adamStep(16, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f,
                new float[16], 0, new float[16], 0, new float[16], 0, c, 0));
    }

    /** A call on {@code backend} that writes (or would) into {@code c}, 15 elements of 1s. */
    @FunctionalInterface
    private interface BadCall {
        void run(ComputeBackend backend, float[] c);
    }

    private static void expectSameMessage(ComputeBackend cand, ComputeBackend ref, String what, BadCall call) {
        String expected = expect(ref, what, c -> call.run(ref, c)).getMessage();
        String actual = expect(cand, what, c -> call.run(cand, c)).getMessage();
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(cand.name() + ", " + what + ": message \"" + actual
                    + "\" differs from the reference's \"" + expected + "\" (use GemmArguments.check)");
        }
    }

    private static ShapeException expect(ComputeBackend backend, String what, Consumer<float[]> call) {
        float[] c = new float[15];
        Arrays.fill(c, 1f);
        try {
            call.accept(c);
        } catch (ShapeException e) {
            for (float v : c) {
                if (v != 1f) {
                    throw new AssertionError(backend.name() + ", " + what + ": wrote to its output before"
                            + " rejecting the call with: " + e.getMessage());
                }
            }
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError(backend.name() + ", " + what + ": expected a ShapeException, got " + e, e);
        }
        throw new AssertionError(backend.name() + ", " + what + ": expected a ShapeException, the call passed");
    }
}
