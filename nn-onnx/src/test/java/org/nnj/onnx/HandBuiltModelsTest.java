package org.nnj.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nnj.onnx.OnnxModels.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.layers.conv.Conv2d;
import org.nnj.onnx.proto.OnnxProto.TensorProto;

/** Operator forms PyTorch does not export, written with the protobuf builders and checked by hand. */
class HandBuiltModelsTest {
    private static final Registries REGISTRIES = Registries.fromServiceLoader();

    @TempDir
    Path dir;

    private Sequential read(OnnxModels m, String name) throws IOException {
        return OnnxImport.read(m.write(dir.resolve(name)), REGISTRIES);
    }

    private static float[] run(Sequential model, float[] x, int... dims) {
        return model.predict(Tensor.of(x, dims), new ScalarBackend(1)).toArray();
    }

    @Test
    void gemmWithoutTransposeAndWithAlphaAndBeta() throws IOException {
        // y = 0.5 * x B + 2 * C, B [in=3, out=2]
        float[] b = {1, 2, 3, 4, 5, 6};
        Sequential model = read(OnnxModels.withInput("x", 3).output("y")
                .weights("B", b, 3, 2).weights("C", new float[] {0.25f, -1}, 2)
                .node(node("Gemm", "fc", new String[] {"x", "B", "C"}, "y", "alpha", 0.5f, "beta", 2f,
                        "transB", 0L)), "gemm.onnx");
        float[] x = {1, -1, 2};
        float y0 = 0.5f * (1 * 1 - 1 * 3 + 2 * 5) + 2 * 0.25f;
        float y1 = 0.5f * (1 * 2 - 1 * 4 + 2 * 6) + 2 * -1f;
        assertArrayEquals(new float[] {y0, y1}, run(model, x, 1, 3), 1e-6f);
    }

    @Test
    void gemmWithAScalarBias() throws IOException {
        Sequential model = read(OnnxModels.withInput("x", 2).output("y")
                .weights("B", new float[] {1, 0, 0, 1}, 2, 2).weights("C", new float[] {3}, 1)
                .node(node("Gemm", "fc", new String[] {"x", "B", "C"}, "y", "transB", 1L)), "gemm-scalar.onnx");
        assertArrayEquals(new float[] {4, 1}, run(model, new float[] {1, -2}, 1, 2), 1e-6f);
    }

    @Test
    void matMulWithoutBiasIsADenseLayerWithoutBias() throws IOException {
        Sequential model = read(OnnxModels.withInput("x", 2).output("y")
                .weights("W", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                .node(node("MatMul", "mm", new String[] {"x", "W"}, "y")), "matmul.onnx");
        assertEquals(1, model.parameters().size());
        assertArrayEquals(new float[] {1 + 8, 2 + 10, 3 + 12}, run(model, new float[] {1, 2}, 1, 2), 1e-6f);
    }

    @Test
    void reshapeFromAConstantNodeDropoutIdentityAndSoftmaxAtOpset13() throws IOException {
        TensorProto shape = OnnxModels.longs("", new long[] {0, -1}, 2);
        Sequential model = read(OnnxModels.withInput("x", 2, 1, 2).output("y")
                .node(node("Constant", "shape", new String[0], "s", "value", shape))
                .node(node("Reshape", "flat", new String[] {"x", "s"}, "f"))
                .weights("ratio", new float[] {0.25f})
                .node(node("Dropout", "drop", new String[] {"f", "ratio"}, "d"))
                .node(node("Identity", "id", new String[] {"d"}, "i"))
                .node(node("Softmax", "sm", new String[] {"i"}, "y")), "reshape.onnx");
        List<String> types = model.layers().stream().map(Layer::describe).toList();
        assertEquals(3, types.size(), types.toString());
        assertEquals(Shape.of(4), model.outputShape());
        float[] y = run(model, new float[] {0, 0, 0, 0}, 1, 2, 1, 2);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, y, 1e-6f);
        assertEquals(0.25, (Double) model.layers().get(1).config().asMap().get("p"), 1e-7);
    }

    @Test
    void dropoutRatioAsAnAttributeAtOpset11() throws IOException {
        Sequential model = read(OnnxModels.withInput("x", 3).opset(11).output("y")
                .node(node("Dropout", "drop", new String[] {"x"}, "d", "ratio", 0.125f))
                .node(node("LogSoftmax", "lsm", new String[] {"d"}, "y")), "dropout11.onnx");
        assertEquals(0.125, ((Number) model.layers().get(0).config().asMap().get("p")).doubleValue(), 1e-7);
        float[] y = run(model, new float[] {1, 1, 1}, 1, 3);
        assertArrayEquals(new float[] {(float) -Math.log(3), (float) -Math.log(3), (float) -Math.log(3)}, y, 1e-6f);
    }

    @Test
    void sameUpperAndSameLowerPutTheOddPaddingAtTheEndAndAtTheStart() throws IOException {
        for (String mode : new String[] {"SAME_UPPER", "SAME_LOWER"}) {
            Sequential model = read(OnnxModels.withInput("x", 1, 6, 6).output("y")
                    .weights("w", new float[9], 1, 1, 3, 3)
                    .node(node("Conv", "conv", new String[] {"x", "w"}, "y", "auto_pad", mode,
                            "strides", new long[] {2, 2})), mode + ".onnx");
            Conv2d conv = (Conv2d) model.layers().get(0);
            int[] expected = mode.equals("SAME_UPPER") ? new int[] {0, 1, 0, 1} : new int[] {1, 0, 1, 0};
            assertArrayEquals(expected, conv.paddingSides(), mode);
            assertEquals(Shape.of(1, 3, 3), model.outputShape());
        }
    }

    @Test
    void zeroPadBeforeAnAveragePoolIsCountedPadding() throws IOException {
        Sequential model = read(OnnxModels.withInput("x", 1, 2, 2).output("y")
                .ints("pads", new long[] {0, 0, 1, 1, 0, 0, 1, 1}, 8)
                .node(node("Pad", "pad", new String[] {"x", "pads"}, "p"))
                .node(node("AveragePool", "pool", new String[] {"p"}, "y", "kernel_shape", new long[] {2, 2},
                        "strides", new long[] {2, 2})), "pad-avg.onnx");
        assertEquals(1, model.layers().size());
        // Each 2x2 window holds one input value and three padded zeros.
        assertArrayEquals(new float[] {1, 0.5f, 0.75f, 1}, run(model, new float[] {4, 2, 3, 4}, 1, 1, 2, 2), 1e-6f);
    }

    @Test
    void zeroPadBeforeAMaxPoolIsAPad2dLayerWhoseZerosTakePartInTheMaximum() throws IOException {
        Sequential model = read(OnnxModels.withInput("x", 1, 2, 2).output("y")
                .ints("pads", new long[] {0, 0, 1, 1, 0, 0, 1, 1}, 8)
                .node(node("Pad", "pad", new String[] {"x", "pads"}, "p"))
                .node(node("MaxPool", "pool", new String[] {"p"}, "y", "kernel_shape", new long[] {2, 2},
                        "strides", new long[] {2, 2})), "pad-max.onnx");
        assertEquals(List.of("pad2d 1 zeros", "max_pool2d 2x2/2"),
                model.layers().stream().map(Layer::describe).toList());
        // ONNX pads with zeros first, so each window's maximum is 0, not the (negative) input value.
        assertArrayEquals(new float[] {0, 0, 0, 0}, run(model, new float[] {-4, -2, -3, -1}, 1, 1, 2, 2), 0f);
    }

    @Test
    void reflectPadBeforeAZeroPaddedConvIsAPad2dLayerThenTheConv() throws IOException {
        Sequential model = read(OnnxModels.withInput("x", 1, 3, 3).output("y")
                .ints("pads", new long[] {0, 0, 1, 1, 0, 0, 1, 1}, 8)
                .weights("w", new float[] {1}, 1, 1, 1, 1)
                .node(node("Pad", "pad", new String[] {"x", "pads"}, "p", "mode", "reflect"))
                .node(node("Conv", "conv", new String[] {"p", "w"}, "y", "pads", new long[] {1, 1, 1, 1})),
                "reflect-conv.onnx");
        assertEquals(List.of("pad2d 1 reflect", "conv2d 1x1/1 pad 1, 1 filter, no bias"),
                model.layers().stream().map(Layer::describe).toList());
        assertEquals(Shape.of(1, 7, 7), model.outputShape());
    }

    @Test
    void padWithAxesAtOpset18AndTwoReflectPadsWhichDoNotAddUp() throws IOException {
        Sequential model = read(OnnxModels.withInput("x", 1, 3, 3).opset(18).output("y")
                .ints("pads", new long[] {1, 2, 1, 0}, 4).ints("axes", new long[] {-1, 2}, 2)
                .node(node("Pad", "pad1", new String[] {"x", "pads", "", "axes"}, "p", "mode", "reflect"))
                .node(node("Pad", "pad2", new String[] {"p", "pads", "", "axes"}, "q", "mode", "reflect"))
                .weights("w", new float[] {1}, 1, 1, 1, 1)
                .node(node("Conv", "conv", new String[] {"q", "w"}, "y")), "pad18.onnx");
        // axes [-1, 2]: width before 1, height before 2, width after 1, height after 0.
        assertEquals(List.of("pad2d t2 b0 l1 r1 reflect", "conv2d 1x1/1 pad t2 b0 l1 r1 reflect, 1 filter, no bias"),
                model.layers().stream().map(Layer::describe).toList());
        assertEquals(Shape.of(1, 7, 7), model.outputShape());
    }

    @Test
    void globalMaxPool() throws IOException {
        Sequential model = read(OnnxModels.withInput("x", 2, 2, 2).output("y")
                .node(node("GlobalMaxPool", "gmp", new String[] {"x"}, "y")), "gmp.onnx");
        assertArrayEquals(new float[] {4, 8}, run(model, new float[] {1, 4, 3, 2, 5, 6, 8, 7}, 1, 2, 2, 2), 1e-6f);
    }
}
