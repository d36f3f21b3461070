package org.nnj.api.backend;

/**
 * 2-D convolution over NCHW batches, with weights in PyTorch's {@code [out, in, kh, kw]} layout, and the
 * explicit padding that gives convolutions their non-zero padding modes. The shapes of a call are one
 * {@link Conv2dGeometry} (or {@link Pad2dGeometry}); the arrays come with offsets, BLAS-style.
 *
 * <h2>Padding modes</h2>
 * The convolution kernels pad with zeros only, as the geometry says. A layer that pads another way (reflect,
 * symmetric, replicate) pads its input with {@link #pad2d} into a buffer and convolves that with no padding;
 * its backward pass runs {@link #pad2dBackward} on the gradient that {@link #conv2dBackwardData} returned for
 * the padded buffer. The copy costs one pass over the input, small beside the convolution, and it keeps
 * every convolution kernel (the vectorised ones too) free of per-element mode logic.
 *
 * <h2>Workspace</h2>
 * The three convolution kernels take a scratch array of at least {@link #conv2dWorkspaceSize} floats (the
 * same size serves all three), whose contents on entry do not matter and on exit are undefined. The caller
 * owns it so that it can be recycled between calls (a layer gets it from
 * {@link org.nnj.api.layer.LayerContext#allocate}): the kernels allocate nothing. Two calls running at the
 * same time need two workspaces.
 *
 * <h2>Results</h2>
 * The forward and backward-data kernels overwrite their outputs; the backward-weights kernel adds into the
 * gradients, as layers add into {@link org.nnj.api.layer.Parameter#gradient()}. Inputs are never written.
 * Arguments are validated before any element is touched ({@link ConvolutionArguments}); a bad one throws
 * {@link org.nnj.api.ShapeException} naming it.
 */
public interface ConvolutionKernels {

    /**
     * The number of floats the workspace of {@link #conv2dForward}, {@link #conv2dBackwardData} and
     * {@link #conv2dBackwardWeights} must hold for geometry {@code g} on this backend (0 when none is
     * needed). It may depend on the batch size and on the backend's thread count.
     */
    int conv2dWorkspaceSize(Conv2dGeometry g);

    /**
     * {@code y = conv(x, w) + bias}: {@code x} is {@code [batch, inChannels, inHeight, inWidth]}, {@code w}
     * is {@code [outChannels, inChannels, kernelHeight, kernelWidth]}, {@code bias} is {@code [outChannels]}
     * or null for none, and {@code y} ({@code [batch, outChannels, outHeight, outWidth]}) is overwritten.
     * See {@link Conv2dGeometry} for the formula.
     */
    void conv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                       float[] y, int yOff, float[] work, int workOff);

    /**
     * The gradient with respect to the input: {@code dx} ({@code [batch, inChannels, inHeight, inWidth]})
     * is overwritten with the gradient of {@code sum(dy * conv(x, w))}, given {@code dy}
     * ({@code [batch, outChannels, outHeight, outWidth]}) and the weights {@code w}. Input elements that no
     * window covers (when the stride skips them) get zero.
     */
    void conv2dBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                            float[] dx, int dxOff, float[] work, int workOff);

    /**
     * The gradients with respect to the weights and the bias, <em>added</em> into {@code dw}
     * ({@code [outChannels, inChannels, kernelHeight, kernelWidth]}) and, unless it is null, {@code db}
     * ({@code [outChannels]}, the sum of {@code dy} over the batch and the positions), given the forward
     * input {@code x} and {@code dy}.
     */
    void conv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                               float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff);

    /**
     * Pads each of {@code g.planes()} planes of {@code x} ({@code height x width}) into {@code y}
     * ({@code outHeight x outWidth}, overwritten), filling the border as {@link Pad2dGeometry#mode()} says:
     * {@code y[p, i, j] = x[p, mode.sourceIndex(i - top, height), mode.sourceIndex(j - left, width)]}, or 0
     * where the mode gives no source.
     */
    void pad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff);

    /**
     * The backward pass of {@link #pad2d}: {@code dx} ({@code planes x height x width}) is overwritten with
     * the sum, for each input element, of the elements of {@code dy} that were copied from it (the element
     * itself and its mirror or edge copies; nothing from zero padding).
     */
    void pad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff);
}
