package org.nnj.onnx;

import org.nnj.api.backend.PaddingMode;

/**
 * A {@code Pad} node's padding of the height and width, waiting to be merged into the convolution or
 * average pooling that follows it (NNJ pads inside those layers).
 *
 * @param sides {@code [top, bottom, left, right]}
 */
record PendingPad(OnnxNode node, PaddingMode mode, int[] sides) {

    boolean isZero() {
        return sides[0] == 0 && sides[1] == 0 && sides[2] == 0 && sides[3] == 0;
    }
}
