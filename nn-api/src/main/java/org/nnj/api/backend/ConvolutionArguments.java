package org.nnj.api.backend;

import static org.nnj.api.backend.GemmArguments.checkRange;

import org.nnj.api.ShapeException;

/**
 * Validation of {@link ConvolutionKernels} and {@link PoolingKernels} arguments, shared by every backend so
 * that they all reject the same calls with the same messages. Each method throws {@link ShapeException}
 * naming the kernel and the geometry when it is null, or else the first array that does not fit.
 */
public final class ConvolutionArguments {
    private ConvolutionArguments() {
    }

    /** {@link ConvolutionKernels#conv2dForward}. */
    public static void checkForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff,
                                    float[] bias, int biasOff, float[] y, int yOff,
                                    float[] work, int workOff, int workSize) {
        checkGeometry("conv2dForward", g);
        checkRange("conv2dForward: x", x, xOff, g.inputSize());
        checkRange("conv2dForward: w", w, wOff, g.weightSize());
        if (bias != null) {
            checkRange("conv2dForward: bias", bias, biasOff, g.outChannels());
        }
        checkRange("conv2dForward: y", y, yOff, g.outputSize());
        checkWorkspace("conv2dForward", work, workOff, workSize);
    }

    /** {@link ConvolutionKernels#conv2dBackwardData}. */
    public static void checkBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                                         float[] dx, int dxOff, float[] work, int workOff, int workSize) {
        checkGeometry("conv2dBackwardData", g);
        checkRange("conv2dBackwardData: dy", dy, dyOff, g.outputSize());
        checkRange("conv2dBackwardData: w", w, wOff, g.weightSize());
        checkRange("conv2dBackwardData: dx", dx, dxOff, g.inputSize());
        checkWorkspace("conv2dBackwardData", work, workOff, workSize);
    }

    /** {@link ConvolutionKernels#conv2dBackwardWeights}. */
    public static void checkBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                            float[] dw, int dwOff, float[] db, int dbOff,
                                            float[] work, int workOff, int workSize) {
        checkGeometry("conv2dBackwardWeights", g);
        checkRange("conv2dBackwardWeights: x", x, xOff, g.inputSize());
        checkRange("conv2dBackwardWeights: dy", dy, dyOff, g.outputSize());
        checkRange("conv2dBackwardWeights: dw", dw, dwOff, g.weightSize());
        if (db != null) {
            checkRange("conv2dBackwardWeights: db", db, dbOff, g.outChannels());
        }
        checkWorkspace("conv2dBackwardWeights", work, workOff, workSize);
    }

    /** {@link ConvolutionKernels#pad2d}. */
    public static void checkPad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        checkGeometry("pad2d", g);
        checkRange("pad2d: x", x, xOff, g.inputSize());
        checkRange("pad2d: y", y, yOff, g.outputSize());
    }

    /** {@link ConvolutionKernels#pad2dBackward}. */
    public static void checkPad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        checkGeometry("pad2dBackward", g);
        checkRange("pad2dBackward: dy", dy, dyOff, g.outputSize());
        checkRange("pad2dBackward: dx", dx, dxOff, g.inputSize());
    }

    /** {@link PoolingKernels#maxPool2dForward} and {@link PoolingKernels#avgPool2dForward}. */
    public static void checkPoolForward(String kernel, Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        checkGeometry(kernel, g);
        checkRange(kernel + ": x", x, xOff, g.inputSize());
        checkRange(kernel + ": y", y, yOff, g.outputSize());
    }

    /** {@link PoolingKernels#maxPool2dBackward}; {@code x} is null for average pooling, which does not read it. */
    public static void checkPoolBackward(String kernel, Pool2dGeometry g, float[] x, int xOff,
                                         float[] dy, int dyOff, float[] dx, int dxOff) {
        checkGeometry(kernel, g);
        if (x != null) {
            checkRange(kernel + ": x", x, xOff, g.inputSize());
        }
        checkRange(kernel + ": dy", dy, dyOff, g.outputSize());
        checkRange(kernel + ": dx", dx, dxOff, g.inputSize());
    }

    /**
     * Throws {@link ShapeException} ("{@code kernel}: geometry is null") when {@code g} is null, as for any
     * other bad argument.
     */
    static void checkGeometry(String kernel, Object g) {
        if (g == null) {
            throw new ShapeException(kernel + ": geometry is null");
        }
    }

    private static void checkWorkspace(String kernel, float[] work, int workOff, int workSize) {
        if (workSize == 0) {
            return;
        }
        if (work == null) {
            throw new ShapeException(kernel + ": the workspace is null but this geometry needs " + workSize
                    + " floats (see conv2dWorkspaceSize)");
        }
        if (workOff < 0 || (long) workOff + workSize > work.length) {
            throw new ShapeException(kernel + ": the workspace needs " + workSize + " floats from offset " + workOff
                    + " (see conv2dWorkspaceSize), its array has " + work.length);
        }
    }
}
