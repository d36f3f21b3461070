package org.nnj.api.backend;

/**
 * Batch normalisation over the channels of NCHW data, as PyTorch's {@code nn.BatchNorm2d} computes it, so that
 * a normalisation layer runs at the backend's speed.
 *
 * <h2>Layout and notation</h2>
 * {@code x}, {@code y}, {@code dy} and {@code dx} hold {@code n * channels * plane} consecutive floats from their
 * offsets, laid out as {@code [n, channels, plane]} (an NCHW tensor with {@code plane = H * W}): element
 * {@code (b, c, i)} is at {@code off + (b * channels + c) * plane + i}. The per-channel arrays ({@code mean},
 * {@code var}, {@code invStd}, {@code weight}, {@code bias}, {@code dWeight}, {@code dBias}) hold {@code channels}
 * floats from their offsets. {@code M = n * plane} is the number of values per channel, and sums written
 * {@code sum_c} run over the {@code M} values {@code (b, c, i)} of channel {@code c}. {@code xhat} is the
 * normalised input {@code (x - mean[c]) * invStd[c]}.
 *
 * <p>{@code weight} and {@code bias} are optional: null stands for a weight of 1 and a bias of 0 (a layer
 * without {@code affine}). The running estimates of a layer are not the backend's business: the layer updates
 * them from what {@link #batchNormStatistics} returns and passes them back as {@code mean} and {@code invStd}
 * in inference.
 */
public interface NormalizationKernels {

    /**
     * The mean and the biased variance of each channel over the batch and the positions:
     * {@code mean[c] = sum_c(x) / M} and {@code var[c] = sum_c((x - mean[c])^2) / M}, each rounded once to
     * float.
     *
     * <p>Precision: both sums are taken in double precision, the variance in a second pass around the mean
     * (never as {@code E[x^2] - mean^2}), so the variance keeps its float precision even when the mean is
     * large beside the spread; it is never negative. Backends agree to float rounding of these values.
     *
     * @throws org.nnj.api.ShapeException when a size is negative, an array is too short, or {@code channels > 0}
     *                                    while {@code M == 0} (a channel without values has no statistics)
     */
    void batchNormStatistics(int n, int channels, int plane, float[] x, int xOff,
                             float[] mean, int meanOff, float[] var, int varOff);

    /**
     * The normalisation with scale and shift: {@code y = (x - mean[c]) * s + bias[c]} with
     * {@code s = invStd[c] * weight[c]}, all in float, {@code s} rounded first (so the result is the same on
     * every backend, bit for bit, when no backend fuses the multiply and the add). In training {@code mean}
     * and {@code invStd = 1 / sqrt(var + eps)} are the batch's, in inference the running estimates'.
     * {@code y} may be {@code x} at the same offset (in place); {@code weight} and {@code bias} may be null.
     */
    void batchNormForward(int n, int channels, int plane, float[] x, int xOff,
                          float[] mean, int meanOff, float[] invStd, int invStdOff,
                          float[] weight, int weightOff, float[] bias, int biasOff, float[] y, int yOff);

    /**
     * The backward pass of {@link #batchNormForward}, with PyTorch's formulas. Per channel, with
     * {@code g = weight[c]} (1 when {@code weight} is null), {@code sumDy = sum_c(dy)} and
     * {@code sumDyXhat = sum_c(dy * xhat) = invStd[c] * sum_c(dy * (x - mean[c]))}, both sums taken in double
     * precision (the differences {@code x - mean[c]} in float):
     * <ul>
     *   <li>{@code dWeight[c] += (float) sumDyXhat} and {@code dBias[c] += (float) sumDy}: added to what the
     *       arrays hold (gradients accumulate), each skipped when its array is null;</li>
     *   <li>{@code training} (the statistics are the batch's, so they depend on every input):
     *       {@code dx = k * (M * dy - sumDy - xhat * sumDyXhat)} with {@code k = (float) (g * invStd[c] / M)}
     *       computed in double, the sums rounded to float and the rest in float, {@code xhat = (x - mean[c]) *
     *       invStd[c]} included;</li>
     *   <li>not {@code training} (the statistics are constants): {@code dx = (g * invStd[c]) * dy} in float.</li>
     * </ul>
     * {@code dx} is written, not added to, and skipped when null (no input gradient wanted); it may be
     * {@code dy} at the same offset (in place). {@code mean} and {@code invStd} are those the forward pass used.
     */
    void batchNormBackward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                           float[] dy, int dyOff, float[] mean, int meanOff, float[] invStd, int invStdOff,
                           float[] weight, int weightOff, float[] dx, int dxOff,
                           float[] dWeight, int dWeightOff, float[] dBias, int dBiasOff);
}
