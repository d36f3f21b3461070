package org.nnj.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.backend.Pool2dGeometry;

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
                c -> cand.relu(20, new float[20], 0, c, 0));
        expect(cand, "sigmoid with a negative offset", c -> cand.sigmoid(5, new float[15], -1, c, 0));
        expectSameMessage(cand, ref, "elu with y too short",
                (b, c) -> b.elu(16, 1f, 1f, new float[16], 0, c, 0));
        expectSameMessage(cand, ref, "eluBackward with a negative offset of dx",
                (b, c) -> b.eluBackward(15, 1f, 1f, new float[15], 0, new float[15], 0, c, -1));
        expectSameMessage(cand, ref, "gelu with y too short for its offset",
                (b, c) -> b.gelu(true, 15, new float[15], 0, c, 1));
        expectSameMessage(cand, ref, "geluBackward with dx too short",
                (b, c) -> b.geluBackward(false, 16, new float[16], 0, new float[16], 0, c, 0));
        expectSameMessage(cand, ref, "softplus with y too short",
                (b, c) -> b.softplus(16, 1f, 20f, new float[16], 0, c, 0));
        expectSameMessage(cand, ref, "softplusBackward with dx too short",
                (b, c) -> b.softplusBackward(16, 1f, 20f, new float[16], 0, new float[16], 0, c, 0));
        expect(cand, "axpy with y too short", c -> cand.axpy(16, 1f, new float[16], 0, c, 0));
        expectSameMessage(cand, ref, "multiply with out too short",
                (b, c) -> b.multiply(16, new float[16], 0, new float[16], 0, c, 0));
        expect(cand, "softmaxRows with y too short", c -> cand.softmaxRows(4, 5, new float[20], 0, c, 0));
        expect(cand, "logSumExpRows with out too short", c -> cand.logSumExpRows(20, 2, new float[40], 0, c, 0));
        expect(cand, "addRowVector with v too short", c -> cand.addRowVector(3, 5, new float[4], 0, c, 0));
        expect(cand, "adamStep with v too short", c -> cand.adamStep(16, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f,
                new float[16], 0, new float[16], 0, new float[16], 0, c, 0));
        expectSameMessage(cand, ref, "adadeltaStep with accDelta too short",
                (b, c) -> b.adadeltaStep(16, 1f, 0.9f, 1e-6f, new float[16], 0, new float[16], 0, new float[16], 0,
                        c, 0));
        expectSameMessage(cand, ref, "addSquares with y too short",
                (b, c) -> b.addSquares(16, 0.9f, 0.1f, new float[16], 0, c, 0));
        expectSameMessage(cand, ref, "addcdivSqrt with d too short",
                (b, c) -> b.addcdivSqrt(16, 1f, -0.1f, 1f, 1e-8f, new float[16], 0, c, 0, new float[16], 0));
        expectSameMessage(cand, ref, "addcdiv with x too short",
                (b, c) -> b.addcdiv(16, -0.1f, c, 0, new float[16], 0, new float[16], 0));
        expectSameMessage(cand, ref, "maxAbs with a negative offset of y",
                (b, c) -> b.maxAbs(15, 0.999f, 1e-8f, new float[15], 0, c, -1));
        convolution(cand, ref);
        batchNorm(cand, ref);
    }

    /** 1 image, 3 channels of 5 positions: 15 elements, exactly {@code c}'s length. */
    private static void batchNorm(ComputeBackend cand, ComputeBackend ref) {
        expectSameMessage(cand, ref, "batchNormStatistics with var too short", (b, c) -> b.batchNormStatistics(1, 3, 5,
                new float[15], 0, c, 0, c, 13));
        expectSameMessage(cand, ref, "batchNormForward with y too short", (b, c) -> b.batchNormForward(1, 3, 5,
                new float[15], 0, new float[3], 0, new float[3], 0, null, 0, null, 0, c, 1));
        expectSameMessage(cand, ref, "batchNormBackward with dBias too short", (b, c) -> b.batchNormBackward(true,
                1, 3, 5, new float[15], 0, new float[15], 0, new float[3], 0, new float[3], 0, null, 0, c, 0,
                new float[3], 0, c, 14));
    }

    /**
     * A 1x2x4x4 input, 3x2x2x2 weights and (with padding 0) a 1x3x3x3 output of 27 elements; the output
     * array {@code c} has 15, or holds the gradient being written.
     */
    private static void convolution(ComputeBackend cand, ComputeBackend ref) {
        Conv2dGeometry g = Conv2dGeometry.builder().batch(1).channels(2, 3).input(4, 4).kernel(2, 2).build();
        expectSameMessage(cand, ref, "conv2dForward with y too short", (b, c) -> b.conv2dForward(g,
                new float[32], 0, new float[24], 0, null, 0, c, 0, workspace(b, g), 0));
        expectSameMessage(cand, ref, "conv2dForward with x too short", (b, c) -> b.conv2dForward(g,
                new float[31], 0, new float[24], 0, null, 0, c, 0, workspace(b, g), 0));
        expectSameMessage(cand, ref, "conv2dBackwardData with dx too short", (b, c) -> b.conv2dBackwardData(g,
                new float[27], 0, new float[24], 0, c, 0, workspace(b, g), 0));
        expectSameMessage(cand, ref, "conv2dBackwardWeights with dw too short", (b, c) -> b.conv2dBackwardWeights(g,
                new float[32], 0, new float[27], 0, c, 0, null, 0, workspace(b, g), 0));
        expectSameMessage(cand, ref, "conv2dBackwardWeights with db too short", (b, c) -> b.conv2dBackwardWeights(g,
                new float[32], 0, new float[27], 0, new float[24], 0, c, 13, workspace(b, g), 0));
        expect(cand, "conv2dForward with the workspace one float short", c -> {
            int size = cand.conv2dWorkspaceSize(g);
            if (size == 0) {
                throw new ShapeException("no workspace needed"); // nothing to check on this backend
            }
            cand.conv2dForward(g, new float[32], 0, new float[24], 0, null, 0, new float[27], 0,
                    new float[size - 1], 0);
        });
        expectSameMessage(cand, ref, "conv2dBackwardData with a null geometry", (b, c) -> b.conv2dBackwardData(null,
                new float[27], 0, new float[24], 0, c, 0, workspace(b, g), 0));
        Pool2dGeometry p = Pool2dGeometry.builder().batch(1).channels(1).input(4, 4).kernel(2, 2).build();
        expectSameMessage(cand, ref, "avgPool2dForward with a null geometry",
                (b, c) -> b.avgPool2dForward(false, null, new float[16], 0, c, 0));
        expectSameMessage(cand, ref, "maxPool2dForward with x too short",
                (b, c) -> b.maxPool2dForward(p, new float[15], 0, c, 0));
        expectSameMessage(cand, ref, "maxPool2dBackward with dx too short",
                (b, c) -> b.maxPool2dBackward(p, new float[16], 0, new float[4], 0, c, 0));
        expectSameMessage(cand, ref, "avgPool2dBackward with dx too short",
                (b, c) -> b.avgPool2dBackward(true, p, new float[4], 0, c, 0));
        Pad2dGeometry pad = new Pad2dGeometry(PaddingMode.REFLECT, 1, 3, 3, 1, 1, 1, 1);
        expectSameMessage(cand, ref, "pad2d with y too short", (b, c) -> b.pad2d(pad, new float[9], 0, c, 0));
        expectSameMessage(cand, ref, "pad2dBackward with dx too short",
                (b, c) -> b.pad2dBackward(pad, new float[25], 0, c, 7));
    }

    private static float[] workspace(ComputeBackend backend, Conv2dGeometry g) {
        return new float[backend.conv2dWorkspaceSize(g)];
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
                    + "\" differs from the reference's \"" + expected + "\" (use GemmArguments and ConvolutionArguments)");
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
