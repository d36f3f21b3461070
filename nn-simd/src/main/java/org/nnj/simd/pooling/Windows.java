package org.nnj.simd.pooling;

import org.nnj.api.backend.Pool2dGeometry;

/** What the pooling kernels share about windows. */
final class Windows {
    private Windows() {
    }

    /**
     * True for 2x2 windows with stride 2 and no padding, the pooling of LeNet and most CNNs: windows tile
     * the input without overlap and never reach past it (an odd last row or column is simply not covered).
     */
    static boolean isPairs(Pool2dGeometry g) {
        return g.kernelHeight() == 2 && g.kernelWidth() == 2 && g.strideHeight() == 2 && g.strideWidth() == 2
                && g.padHeight() == 0 && g.padWidth() == 0;
    }
}
