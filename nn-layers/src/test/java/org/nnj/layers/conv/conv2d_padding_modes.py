#!/usr/bin/env python3
"""The expected outputs of Conv2dPaddingModesTest, computed with numpy alone.

numpy's pad modes are the definitions the test holds NNJ to:
  zeros     -> np.pad(mode="constant")
  reflect   -> np.pad(mode="reflect")     mirror without repeating the edge (PyTorch's "reflect")
  symmetric -> np.pad(mode="symmetric")   mirror repeating the edge (TensorFlow's "SYMMETRIC")
  replicate -> np.pad(mode="edge")        the edge value (PyTorch's "replicate")
The convolution is a cross-correlation written as two loops over the output, in float64.
Run: python3 conv2d_padding_modes.py   (prints the Java arrays pasted into the test)
"""
import numpy as np

x = np.arange(1, 13, dtype=np.float64).reshape(3, 4)        # 1 channel, 3x4
w = np.array([[1, 0, -1], [2, 1, 0]], dtype=np.float64)      # kernel 2x3
bias = 0.5
pads = ((1, 2), (2, 1))                                      # top, bottom / left, right

MODES = {"zeros": "constant", "reflect": "reflect", "symmetric": "symmetric", "replicate": "edge"}


def correlate(image, kernel, stride):
    kh, kw = kernel.shape
    oh = (image.shape[0] - kh) // stride + 1
    ow = (image.shape[1] - kw) // stride + 1
    out = np.empty((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel) + bias
    return out


def java(name, a):
    values = ", ".join(("%g" % v) + "f" for v in a.ravel())
    print("    /** %s, %dx%d. */" % (name, a.shape[0], a.shape[1]))
    print("    private static final float[] %s = {%s};" % (name.upper().replace(" ", "_"), values))


java("valid", correlate(x, w, 1))
for stride in (1, 2):
    for mode, np_mode in MODES.items():
        padded = np.pad(x, pads, mode=np_mode)
        if stride == 1:
            java(mode + " padded", padded)
        java(mode + " stride %d" % stride, correlate(padded, w, stride))
