package org.nnj.api.backend;

/**
 * 2-D max and average pooling over NCHW batches, each channel on its own; the shapes of a call are one
 * {@link Pool2dGeometry}. The forward kernels overwrite {@code y}, the backward kernels overwrite
 * {@code dx}; inputs are never written. Arguments are validated before any element is touched
 * ({@link ConvolutionArguments}).
 *
 * <h2>Max pooling</h2>
 * Each output is the largest input element of its window; padding never wins. A NaN in a window wins, so it
 * propagates as in PyTorch. The backward pass routes each output's gradient to the element that won its
 * window (the first one in row-major order on ties, as PyTorch), adding where windows overlap. It finds the
 * winners again from the forward input {@code x}, as cuDNN does, rather than from saved indices: the caller
 * keeps no integer buffer, and the second pass over {@code x} costs little beside a convolution.
 *
 * <h2>Average pooling</h2>
 * Each output is the mean of its window. With {@code countIncludePad} (PyTorch's default,
 * {@code count_include_pad=True}) the divisor is always {@code kernelHeight * kernelWidth}, padding counting
 * as zeros; without it, the divisor is the number of input elements the window covers. The backward pass
 * spreads each output's gradient evenly, divided by the same divisor, over the input elements of the window.
 */
public interface PoolingKernels {

    /** {@code y[n, c, i, j] = max} of window {@code (i, j)} of channel {@code c} of image {@code n} of {@code x}. */
    void maxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff);

    /** {@code dx}: each {@code dy} element added to the position of its window's maximum in {@code x}, zero elsewhere. */
    void maxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** {@code y[n, c, i, j] =} the mean of window {@code (i, j)}; see the class comment for the divisor. */
    void avgPool2dForward(boolean countIncludePad, Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff);

    /** {@code dx}: each {@code dy} element divided by its window's divisor and added to every input element of the window. */
    void avgPool2dBackward(boolean countIncludePad, Pool2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff);
}
