package org.nnj.simd.pooling;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.simd.species.Species;

/**
 * Max pooling, forward and backward, with PyTorch's choices (see
 * {@link org.nnj.api.backend.PoolingKernels}): the winner of a window is its first largest element in
 * row-major order, or its last NaN; the backward pass finds the winners again from the forward input.
 *
 * <p>Windows are clipped to the input once per row and column, so the inner loops test no borders. The
 * models' 2x2 windows with stride 2 and no padding have vectorised loops of their own: a scalar loop
 * branches on every comparison, and on real data those branches are mispredicted about half the time.
 * Arguments are validated by the backend before these run.
 */
public final class MaxPooling {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Windows per vector step: each takes two lanes. */
    private static final int HALF = L / 2;
    /** Swaps the two lanes of each window. */
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromOp(S, i -> i ^ 1);
    /** Moves the even lanes to the front. */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(S, i -> (2 * i) % L);
    /** Repeats each of the first half's lanes twice: one gradient for both lanes of its window. */
    private static final VectorShuffle<Float> DUP = VectorShuffle.fromOp(S, i -> i / 2);
    private static final VectorMask<Float> EVEN = VectorMask.fromLong(S, 0x5555_5555_5555_5555L);
    private static final VectorMask<Float> ALL = S.maskAll(true);
    private MaxPooling() {
    }

    /** See {@link org.nnj.api.backend.PoolingKernels#maxPool2dForward}. */
    public static void forward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        if (Windows.isPairs(g)) {
            forwardPairs(g, x, xOff, y, yOff);
            return;
        }
        int h = g.inHeight();
        int w = g.inWidth();
        int out = yOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    y[out++] = x[winner(g, x, base, i, j)];
                }
            }
        }
    }

    /** See {@link org.nnj.api.backend.PoolingKernels#maxPool2dBackward}. */
    public static void backward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        if (Windows.isPairs(g)) {
            if (g.inHeight() % 2 != 0 || g.inWidth() % 2 != 0) {
                // The last row or column is in no window: only it needs the zeros, but one fill is simplest.
                Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
            }
            backwardPairs(g, x, xOff, dy, dyOff, dx, dxOff);
            return;
        }
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int h = g.inHeight();
        int w = g.inWidth();
        int shift = dxOff - xOff; // the element of dx at the same place as an element of x
        int out = dyOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    dx[winner(g, x, base, i, j) + shift] += dy[out++];
                }
            }
        }
    }

    /** The index in {@code x} of the winner of window {@code (i, j)} of the plane at {@code base}. */
    private static int winner(Pool2dGeometry g, float[] x, int base, int i, int j) {
        int w = g.inWidth();
        int r0 = i * g.strideHeight() - g.padHeight();
        int c0 = j * g.strideWidth() - g.padWidth();
        int r1 = Math.min(r0 + g.kernelHeight(), g.inHeight());
        int c1 = Math.min(c0 + g.kernelWidth(), w);
        r0 = Math.max(r0, 0);
        c0 = Math.max(c0, 0);
        int best = base + r0 * w + c0;
        float max = x[best];
        for (int r = r0; r < r1; r++) {
            for (int at = base + r * w + c0, stop = base + r * w + c1; at < stop; at++) {
                float v = x[at];
                if (v > max || v != v) {
                    max = v;
                    best = at;
                }
            }
        }
        return best;
    }

    /**
     * The 2x2, stride-2 forward pass, {@code L / 2} windows per step: the top and bottom rows' vectors are
     * combined with {@code max}, then each lane with its neighbour, which leaves every window's maximum in
     * its even lanes; those are moved to the front and stored, the other half spilling into the outputs
     * that the next step writes. {@code max} propagates NaN as the reference does, and the value it picks
     * from equal elements is the same number (it may differ from the first one only in the sign of a zero).
     */
    private static void forwardPairs(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int yEnd = yOff + g.outputSize();
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            int out = yOff + plane * oh * ow;
            for (int i = 0; i < oh; i++) {
                int top = base + 2 * i * w;
                int bottom = top + w;
                int o = out + i * ow;
                for (int j0 = 0; j0 < ow; j0 += HALF) {
                    if (bottom + 2 * j0 + L <= x.length && o + j0 + L <= yEnd) {
                        FloatVector v = FloatVector.fromArray(S, x, top + 2 * j0)
                                .max(FloatVector.fromArray(S, x, bottom + 2 * j0));
                        v.max(v.rearrange(SWAP)).rearrange(EVENS).intoArray(y, o + j0);
                    } else {
                        for (int j = j0, stop = Math.min(ow, j0 + HALF); j < stop; j++) {
                            y[o + j] = x[pairWinner(x, top + 2 * j, bottom + 2 * j)];
                        }
                    }
                }
            }
        }
    }

    /**
     * The 2x2, stride-2 backward pass, {@code L / 2} windows per step. Each window's maximum is found as in
     * the forward pass, in both of its lanes; an element wins when it equals the maximum and no element
     * before it in the window does (the first of equal elements, as in the reference). A window holding
     * NaN, where the last NaN wins instead, goes to the scalar loop. Windows do not overlap, so each winner
     * gets exactly one gradient, and every element of a window is written (the winner's gradient or 0), so
     * {@code dx} needs no clearing first unless a last row or column lies outside every window. A step with
     * fewer windows than lanes blends its values into {@code dx} only in its own lanes.
     */
    private static void backwardPairs(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                      float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int shift = dxOff - xOff;
        int dxEnd = dxOff + g.inputSize();
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        // The lanes of a step's windows: all of them, except in the last step of a row.
        VectorMask<Float> lastOwn = S.indexInRange(0, 2 * (ow - (ow - 1) / HALF * HALF));
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            int out = dyOff + plane * oh * ow;
            for (int i = 0; i < oh; i++) {
                int top = base + 2 * i * w;
                int bottom = top + w;
                int o = out + i * ow;
                for (int j0 = 0; j0 < ow; j0 += HALF) {
                    int windows = Math.min(HALF, ow - j0);
                    int t = top + 2 * j0;
                    int b = bottom + 2 * j0;
                    boolean vector = b + L <= x.length && b + shift + L <= dxEnd && o + j0 + L <= dy.length;
                    if (vector) {
                        VectorMask<Float> own = windows == HALF ? ALL : lastOwn;
                        FloatVector vt = FloatVector.fromArray(S, x, t);
                        FloatVector vb = FloatVector.fromArray(S, x, b);
                        FloatVector v = vt.max(vb);
                        FloatVector max = v.max(v.rearrange(SWAP));
                        if (!max.test(VectorOperators.IS_NAN).and(own).anyTrue()) {
                            VectorMask<Float> eqTop = vt.eq(max);
                            VectorMask<Float> eqBottom = vb.eq(max);
                            FloatVector top1 = zero.blend(one, eqTop);
                            FloatVector topPartner = top1.rearrange(SWAP);
                            FloatVector bottomPartner = zero.blend(one, eqBottom).rearrange(SWAP);
                            // a (even lane) wins if equal; b (odd) if equal and a is not.
                            VectorMask<Float> winTop = eqTop.and(EVEN.or(topPartner.eq(zero)));
                            // c and d only when neither a nor b is the maximum.
                            VectorMask<Float> topHasIt = top1.add(topPartner).compare(VectorOperators.GT, zero);
                            VectorMask<Float> winBottom = eqBottom.and(EVEN.or(bottomPartner.eq(zero)))
                                    .and(topHasIt.not());
                            FloatVector grad = FloatVector.fromArray(S, dy, o + j0).rearrange(DUP);
                            FloatVector newTop = zero.blend(grad, winTop);
                            FloatVector newBottom = zero.blend(grad, winBottom);
                            if (windows < HALF) {
                                // Lanes past this row's windows keep what dx holds there.
                                newTop = FloatVector.fromArray(S, dx, t + shift).blend(newTop, own);
                                newBottom = FloatVector.fromArray(S, dx, b + shift).blend(newBottom, own);
                            }
                            newTop.intoArray(dx, t + shift);
                            newBottom.intoArray(dx, b + shift);
                            continue;
                        }
                    }
                    for (int j = j0; j < j0 + windows; j++) {
                        dx[top + 2 * j + shift] = 0f;
                        dx[top + 2 * j + 1 + shift] = 0f;
                        dx[bottom + 2 * j + shift] = 0f;
                        dx[bottom + 2 * j + 1 + shift] = 0f;
                        dx[pairWinner(x, top + 2 * j, bottom + 2 * j) + shift] = dy[o + j];
                    }
                }
            }
        }
    }

    /** The index of the winner of the 2x2 window with top-left element {@code top} and bottom-left {@code bottom}. */
    private static int pairWinner(float[] x, int top, int bottom) {
        int at = top;
        float m = x[at];
        if (wins(x[top + 1], m)) {
            at = top + 1;
            m = x[at];
        }
        if (wins(x[bottom], m)) {
            at = bottom;
            m = x[at];
        }
        if (wins(x[bottom + 1], m)) {
            at = bottom + 1;
        }
        return at;
    }

    /** PyTorch's test: a later element takes the window when it is larger or NaN. */
    private static boolean wins(float v, float max) {
        return v > max || v != v;
    }
}
