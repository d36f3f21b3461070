package org.nnj.simd.pooling;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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
    /** Half a vector: one lane per window of a step. */
    private static final VectorSpecies<Float> H =
            VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
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
     * its even lanes; those are moved to the front and stored as a half-width vector. {@code max} propagates
     * NaN as the reference does, and the value it picks from equal elements is the same number (it may
     * differ from the first one only in the sign of a zero).
     *
     * <p>A row of at least {@code L / 2} windows is covered by steps at 0, {@code L / 2}, ... and one ending at
     * the row's end, which may overlap the one before it (its windows are computed and stored twice, with
     * the same value): so every step reads inside its two rows and writes inside its output row, with no test
     * per step. Narrower rows (the CNN's second pooling, 7 windows) take one step with a masked store. The
     * last rows, whose whole-vector steps would reach past the arrays, go {@link #forwardRowByParts by parts}.
     */
    private static void forwardPairs(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int last = ow - HALF;
        int lastStep = (ow - 1) / HALF * HALF;
        int yEnd = yOff + g.outputSize();
        VectorMask<Float> narrow = H.indexInRange(0, ow);
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            int out = yOff + plane * oh * ow;
            for (int i = 0; i < oh; i++) {
                int top = base + 2 * i * w;
                int o = out + i * ow;
                if (!wholeVectorsFit(x, top + w, lastStep, y, o, yEnd)) {
                    forwardRowByParts(x, top, w, ow, y, o, yEnd);
                } else if (last >= 0) {
                    for (int j0 = 0; ; j0 += HALF) {
                        int j = Math.min(j0, last);
                        maxima(x, top + 2 * j, w).intoArray(y, o + j);
                        if (j == last) {
                            break;
                        }
                    }
                } else {
                    maxima(x, top, w).intoArray(y, o, narrow);
                }
            }
        }
    }

    /**
     * True when the step at window {@code j0} of the row pair whose bottom row starts at {@code bottom}, read
     * as whole vectors from {@code x} and stored as a whole vector to {@code y} at {@code o + j0}, stays inside
     * both arrays (and {@code y}'s output range). The vector steps give a window the same result as the scalar
     * loop up to the sign of a zero maximum; this test decided, before the rows were cut into overlapping
     * steps, which windows took the scalar loop, and it still does, so every output keeps its bits.
     */
    private static boolean wholeVectorsFit(float[] x, int bottom, int j0, float[] y, int o, int yEnd) {
        return bottom + 2 * j0 + L <= x.length && o + j0 + L <= yEnd;
    }

    /**
     * A row of the forward pass in steps at 0, {@code L / 2}, ...: whole vectors where they fit (a partial
     * step's store spills into the outputs that the next row writes), the scalar loop where they do not.
     */
    private static void forwardRowByParts(float[] x, int top, int w, int ow, float[] y, int o, int yEnd) {
        int bottom = top + w;
        for (int j0 = 0; j0 < ow; j0 += HALF) {
            if (wholeVectorsFit(x, bottom, j0, y, o, yEnd)) {
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

    /** The maxima of the {@code L / 2} windows whose top-left elements are {@code x[t]}, {@code x[t + 2]}, .... */
    private static FloatVector maxima(float[] x, int t, int w) {
        FloatVector v = FloatVector.fromArray(S, x, t).max(FloatVector.fromArray(S, x, t + w));
        return (FloatVector) v.max(v.rearrange(SWAP)).rearrange(EVENS).reinterpretShape(H, 0);
    }

    /**
     * The 2x2, stride-2 backward pass, {@code L / 2} windows per step, the steps placed as in the forward
     * pass (an overlapping step writes the same values twice). Each window's maximum is found as in the
     * forward pass, in both of its lanes; an element wins when it equals the maximum and no element before
     * it in the window does (the first of equal elements, as in the reference). A step holding NaN, where the
     * last NaN wins instead, goes to the scalar loop. Windows do not overlap, so each winner gets exactly one
     * gradient, and every element of a window is written (the winner's gradient or 0), so {@code dx} needs
     * no clearing first unless a last row or column lies outside every window. A narrow row's step stores
     * only its own lanes.
     */
    private static void backwardPairs(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                      float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int shift = dxOff - xOff;
        int last = ow - HALF;
        VectorMask<Float> narrow = S.indexInRange(0, 2 * ow);
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            int out = dyOff + plane * oh * ow;
            for (int i = 0; i < oh; i++) {
                int top = base + 2 * i * w;
                int o = out + i * ow;
                if (last >= 0) {
                    for (int j0 = 0; ; j0 += HALF) {
                        int j = Math.min(j0, last);
                        if (!backwardStep(x, top + 2 * j, w, dy, o + j, dx, shift, ALL)) {
                            backwardScalar(x, top, w, dy, o, dx, shift, j, j + HALF);
                        }
                        if (j == last) {
                            break;
                        }
                    }
                } else if (top + w + L > x.length || o + HALF > dy.length
                        || !backwardStep(x, top, w, dy, o, dx, shift, narrow)) {
                    backwardScalar(x, top, w, dy, o, dx, shift, 0, ow);
                }
            }
        }
    }

    /**
     * One step of the backward pass over the windows whose top-left elements are {@code x[t]}, {@code x[t + 2]},
     * ..., storing the lanes of {@code own} (all, or a narrow row's); false, with nothing stored, when one of
     * those lanes' windows holds NaN.
     */
    private static boolean backwardStep(float[] x, int t, int w, float[] dy, int o, float[] dx, int shift,
                                        VectorMask<Float> own) {
        FloatVector vt = FloatVector.fromArray(S, x, t);
        FloatVector vb = FloatVector.fromArray(S, x, t + w);
        FloatVector v = vt.max(vb);
        FloatVector max = v.max(v.rearrange(SWAP));
        if (max.test(VectorOperators.IS_NAN).and(own).anyTrue()) {
            return false;
        }
        // Without NaN, max holds the same number in both lanes of a window, so a partner lane's "equals the
        // maximum" is its element, swapped into this lane, compared with this lane's maximum.
        VectorMask<Float> eqTop = vt.eq(max);
        VectorMask<Float> eqBottom = vb.eq(max);
        VectorMask<Float> partnerTopEq = vt.rearrange(SWAP).eq(max);
        VectorMask<Float> partnerBottomEq = vb.rearrange(SWAP).eq(max);
        // a (even lane) wins if equal; b (odd) if equal and a is not.
        VectorMask<Float> winTop = eqTop.and(EVEN.or(partnerTopEq.not()));
        // c and d only when neither a nor b is the maximum.
        VectorMask<Float> topHasIt = eqTop.or(partnerTopEq);
        VectorMask<Float> winBottom = eqBottom.and(EVEN.or(partnerBottomEq.not())).and(topHasIt.not());
        FloatVector grad = ((FloatVector) FloatVector.fromArray(H, dy, o).reinterpretShape(S, 0)).rearrange(DUP);
        FloatVector zero = FloatVector.zero(S);
        FloatVector newTop = zero.blend(grad, winTop);
        FloatVector newBottom = zero.blend(grad, winBottom);
        if (own == ALL) {
            newTop.intoArray(dx, t + shift);
            newBottom.intoArray(dx, t + w + shift);
        } else {
            newTop.intoArray(dx, t + shift, own);
            newBottom.intoArray(dx, t + w + shift, own);
        }
        return true;
    }

    /** The backward pass of windows {@code j0 <= j < j1} of the row pair at {@code top}, one at a time. */
    private static void backwardScalar(float[] x, int top, int w, float[] dy, int o, float[] dx, int shift, int j0,
                                       int j1) {
        int bottom = top + w;
        for (int j = j0; j < j1; j++) {
            dx[top + 2 * j + shift] = 0f;
            dx[top + 2 * j + 1 + shift] = 0f;
            dx[bottom + 2 * j + shift] = 0f;
            dx[bottom + 2 * j + 1 + shift] = 0f;
            dx[pairWinner(x, top + 2 * j, bottom + 2 * j) + shift] = dy[o + j];
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
