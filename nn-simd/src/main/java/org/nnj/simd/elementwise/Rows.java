package org.nnj.simd.elementwise;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.math.FloatLaneMath;
import org.nnj.simd.species.Lanes;
import org.nnj.simd.species.Species;
import org.nnj.simd.warmup.ExerciseData;
import org.nnj.simd.warmup.JitGate;

/**
 * Kernels over the rows of a dense {@code rows x cols} matrix: softmax and log-softmax and their backward
 * passes, log-sum-exp, the bias add and the bias gradient.
 */
public final class Rows {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final JitGate ADD_ROW_VECTOR;
    private static final JitGate ADD_COLUMN_SUMS;

    static {
        int cols = 128;
        int rows = ExerciseData.ELEMENTS / cols;
        float[] x = ExerciseData.floats(rows * cols);
        float[] v = ExerciseData.floats(cols);
        ADD_ROW_VECTOR = JitGate.of("Rows.addRowVector", () -> addRowVectorVectors(rows, cols, v, 0, x, 0),
                () -> addRowVectorScalars(rows, cols, v, 0, x, 0));
        ADD_COLUMN_SUMS = JitGate.of("Rows.addColumnSums", () -> addColumnSumsVectors(rows, cols, x, 0, v, 0),
                () -> addColumnSumsScalars(rows, cols, x, 0, v, 0));
    }

    private Rows() {
    }

    /** Adds {@code v} to every row of {@code x}. */
    public static void addRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
        if (ADD_ROW_VECTOR.vectorReady()) {
            addRowVectorVectors(rows, cols, v, vOff, x, xOff);
        } else {
            addRowVectorScalars(rows, cols, v, vOff, x, xOff);
        }
    }

    /** Each row by whole vectors, then its last columns one at a time. */
    private static void addRowVectorVectors(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
        int end = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int j = 0;
            for (; j < end; j += S.length()) {
                FloatVector.fromArray(S, x, xr + j).add(FloatVector.fromArray(S, v, vOff + j)).intoArray(x, xr + j);
            }
            for (; j < cols; j++) {
                x[xr + j] += v[vOff + j];
            }
        }
    }

    /** The twin of {@link #addRowVectorVectors}: every column one at a time. */
    private static void addRowVectorScalars(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            for (int j = 0; j < cols; j++) {
                x[xr + j] += v[vOff + j];
            }
        }
    }

    /** Adds the column sums of {@code x} to {@code out}, row by row in order as the scalar reference does. */
    public static void addColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        if (ADD_COLUMN_SUMS.vectorReady()) {
            addColumnSumsVectors(rows, cols, x, xOff, out, outOff);
        } else {
            addColumnSumsScalars(rows, cols, x, xOff, out, outOff);
        }
    }

    /** Row by row: whole vectors of the columns, then the last columns one at a time. */
    private static void addColumnSumsVectors(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        int end = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int j = 0;
            for (; j < end; j += S.length()) {
                FloatVector.fromArray(S, out, outOff + j).add(FloatVector.fromArray(S, x, xr + j))
                        .intoArray(out, outOff + j);
            }
            for (; j < cols; j++) {
                out[outOff + j] += x[xr + j];
            }
        }
    }

    /** The twin of {@link #addColumnSumsVectors}: row by row, every column one at a time. */
    private static void addColumnSumsScalars(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            for (int j = 0; j < cols; j++) {
                out[outOff + j] += x[xr + j];
            }
        }
    }

    /** {@code y[r, :] = softmax(x[r, :])}, the row maximum subtracted first. */
    public static void softmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        int end = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int yr = yOff + r * cols;
            float max = max(x, xr, cols);
            FloatVector vmax = FloatVector.broadcast(S, max);
            FloatVector vsum = FloatVector.zero(S);
            int j = 0;
            for (; j < end; j += S.length()) {
                FloatVector e = FloatLaneMath.exp(FloatVector.fromArray(S, x, xr + j).sub(vmax));
                e.intoArray(y, yr + j);
                vsum = vsum.add(e);
            }
            double sum = Lanes.sum(vsum);
            for (; j < cols; j++) {
                float e = (float) Math.exp(x[xr + j] - max);
                y[yr + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            j = 0;
            for (; j < end; j += S.length()) {
                FloatVector.fromArray(S, y, yr + j).mul(inv).intoArray(y, yr + j);
            }
            for (; j < cols; j++) {
                y[yr + j] *= inv;
            }
        }
    }

    /** {@code dx[r, :] = y[r, :] * (dy[r, :] - dot(dy[r, :], y[r, :]))}. */
    public static void softmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                           float[] dx, int dxOff) {
        int end = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector vdot = FloatVector.zero(S);
            int j = 0;
            for (; j < end; j += S.length()) {
                vdot = FloatVector.fromArray(S, dy, dyOff + o + j).fma(FloatVector.fromArray(S, y, yOff + o + j), vdot);
            }
            double dot = Lanes.sum(vdot);
            for (; j < cols; j++) {
                dot += (double) dy[dyOff + o + j] * y[yOff + o + j];
            }
            float d = (float) dot;
            j = 0;
            for (; j < end; j += S.length()) {
                FloatVector yv = FloatVector.fromArray(S, y, yOff + o + j);
                yv.mul(FloatVector.fromArray(S, dy, dyOff + o + j).sub(d)).intoArray(dx, dxOff + o + j);
            }
            for (; j < cols; j++) {
                dx[dxOff + o + j] = y[yOff + o + j] * (dy[dyOff + o + j] - d);
            }
        }
    }

    /** {@code out[r] = log(sum(exp(x[r, :])))}, the row maximum subtracted first. */
    public static void logSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            float max = max(x, xr, cols);
            out[outOff + r] = (float) (max + Math.log(sumExp(x, xr, cols, max)));
        }
    }

    // ---------------------------------------------------------------- log-softmax (added in 1.1.0)

    /**
     * {@code y[r, :] = (x[r, :] - max) - log(sum(exp(x[r, :] - max)))}: the sum of exponentials vectorised as
     * in {@link #softmaxRows}, one logarithm per row in double, then vectorised subtractions.
     * {@code x} and {@code y} may be the same.
     */
    public static void logSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        int end = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int yr = yOff + r * cols;
            float max = max(x, xr, cols);
            FloatVector vmax = FloatVector.broadcast(S, max);
            double sum = sumExp(x, xr, cols, max);
            // (x - max) - log(sum): both terms are <= 0, so the second subtraction cannot cancel, and the row's
            // maximum gets exactly -log(sum) rounded once (a float max + log(sum) would lose the small log).
            float logSum = (float) Math.log(sum);
            int j = 0;
            for (; j < end; j += S.length()) {
                FloatVector.fromArray(S, x, xr + j).sub(vmax).sub(logSum).intoArray(y, yr + j);
            }
            for (; j < cols; j++) {
                y[yr + j] = (x[xr + j] - max) - logSum;
            }
        }
    }

    /** {@code dx[r, :] = dy[r, :] - exp(y[r, :]) * sum(dy[r, :])}; {@code dx} may be {@code dy}. */
    public static void logSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                              float[] dx, int dxOff) {
        int end = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector vsum = FloatVector.zero(S);
            int j = 0;
            for (; j < end; j += S.length()) {
                vsum = vsum.add(FloatVector.fromArray(S, dy, dyOff + o + j));
            }
            double sum = Lanes.sum(vsum);
            for (; j < cols; j++) {
                sum += dy[dyOff + o + j];
            }
            float s = (float) sum;
            FloatVector vs = FloatVector.broadcast(S, -s);
            j = 0;
            for (; j < end; j += S.length()) {
                FloatVector e = FloatLaneMath.exp(FloatVector.fromArray(S, y, yOff + o + j));
                e.fma(vs, FloatVector.fromArray(S, dy, dyOff + o + j)).intoArray(dx, dxOff + o + j);
            }
            for (; j < cols; j++) {
                dx[dxOff + o + j] = Math.fma((float) Math.exp(y[yOff + o + j]), -s, dy[dyOff + o + j]);
            }
        }
    }

    /** {@code sum(exp(x[from + j] - max))} over {@code cols} values, the lanes summed in float, the tail in double. */
    private static double sumExp(float[] x, int from, int cols, float max) {
        FloatVector vmax = FloatVector.broadcast(S, max);
        FloatVector vsum = FloatVector.zero(S);
        int end = S.loopBound(cols);
        int j = 0;
        for (; j < end; j += S.length()) {
            vsum = vsum.add(FloatLaneMath.exp(FloatVector.fromArray(S, x, from + j).sub(vmax)));
        }
        double sum = Lanes.sum(vsum);
        for (; j < cols; j++) {
            sum += Math.exp(x[from + j] - max);
        }
        return sum;
    }

    private static float max(float[] x, int from, int cols) {
        int j = 0;
        float max = Float.NEGATIVE_INFINITY;
        int end = S.loopBound(cols);
        if (end > 0) {
            FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; j < end; j += S.length()) {
                vmax = vmax.max(FloatVector.fromArray(S, x, from + j));
            }
            max = vmax.reduceLanes(VectorOperators.MAX);
        }
        for (; j < cols; j++) {
            max = Math.max(max, x[from + j]);
        }
        return max;
    }
}
