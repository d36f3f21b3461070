package org.nnj.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.onnx.OnnxModels.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.registry.Registries;
import org.nnj.onnx.proto.OnnxProto.StringStringEntryProto;
import org.nnj.onnx.proto.OnnxProto.TensorProto;
import org.nnj.onnx.proto.OnnxProto.TensorShapeProto;
import org.nnj.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Files NNJ must refuse, each with one line that names the file and the node or tensor at fault and says what
 * to do; never a stack trace, never a silently wrong model.
 */
class BadFilesTest {
    private static final Registries REGISTRIES = Registries.fromServiceLoader();

    @TempDir
    Path dir;

    /** The message of the OnnxException that importing {@code file} throws, checked to be one line naming it. */
    private static String refusal(Path file) {
        OnnxException e = assertThrows(OnnxException.class, () -> OnnxImport.read(file, REGISTRIES));
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "not one line: " + message);
        assertTrue(message.startsWith(file.toString() + ": "), "does not start with the file: " + message);
        return message;
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void truncatedProtobuf() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.named("lenet").file());
        Path file = Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertContains(refusal(file), "not a valid ONNX file", "truncated");
    }

    @Test
    void notAModelAtAll() throws IOException {
        Path file = Files.writeString(dir.resolve("text.onnx"), "hello, this is not protobuf\n");
        refusal(file);
    }

    @Test
    void unsupportedOperator() throws IOException {
        Path file = OnnxModels.withInput("x", 4).output("y")
                .node(node("Cos", "cosine", new String[] {"x"}, "y")).write(dir.resolve("cos.onnx"));
        assertContains(refusal(file), "node 'cosine' (Cos)", "operator Cos is not supported", "docs/ONNX.md");
    }

    @Test
    void groupedConvolution() throws IOException {
        Path file = OnnxModels.withInput("x", 4, 5, 5).output("y")
                .weights("w", new float[2 * 2 * 9], 2, 2, 3, 3)
                .node(node("Conv", "grouped", new String[] {"x", "w"}, "y", "group", 2L))
                .write(dir.resolve("group.onnx"));
        assertContains(refusal(file), "node 'grouped' (Conv)", "group=2", "group=1");
    }

    @Test
    void initializerShorterThanItsShape() throws IOException {
        Path file = OnnxModels.withInput("x", 3).output("y")
                .weights("b", new float[5], 2, 3)
                .node(node("Gemm", "fc", new String[] {"x", "b"}, "y", "transB", 1L))
                .write(dir.resolve("short.onnx"));
        assertContains(refusal(file), "tensor 'b'", "holds 20 bytes", "needs 24", "truncated");
    }

    @Test
    void floatDataShorterThanItsShape() throws IOException {
        TensorProto b = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(3).addFloatData(1f).addFloatData(2f).build();
        Path file = OnnxModels.withInput("x", 3).output("y").initializer(b)
                .node(node("Gemm", "fc", new String[] {"x", "b"}, "y", "transB", 1L))
                .write(dir.resolve("short-float-data.onnx"));
        assertContains(refusal(file), "tensor 'b'", "2 values in float_data", "needs 6");
    }

    private Path externalModel(String name, String location) throws IOException {
        TensorProto b = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(3).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .build();
        return OnnxModels.withInput("x", 3).output("y").initializer(b)
                .node(node("Gemm", "fc", new String[] {"x", "b"}, "y", "transB", 1L))
                .write(dir.resolve(name));
    }

    @Test
    void externalDataClimbingOut() throws IOException {
        Files.write(dir.resolve("secret.bin"), new byte[24]);
        Path sub = Files.createDirectory(dir.resolve("models"));
        Path file = externalModel("models/escape.onnx", "../secret.bin");
        assertTrue(file.startsWith(sub));
        assertContains(refusal(file), "tensor 'b'", "'../secret.bin'", "'..'", "model's directory");
    }

    @Test
    void externalDataAtAnAbsolutePath() throws IOException {
        Path secret = Files.write(dir.resolve("secret.bin"), new byte[24]);
        Path file = externalModel("absolute.onnx", secret.toAbsolutePath().toString());
        assertContains(refusal(file), "tensor 'b'", "absolute path");
    }

    @Test
    void externalDataLinkingOut() throws IOException {
        Path secret = Files.write(dir.resolve("secret.bin"), new byte[24]);
        Path sub = Files.createDirectory(dir.resolve("models"));
        Files.createSymbolicLink(sub.resolve("weights.bin"), secret);
        Path file = externalModel("models/link.onnx", "weights.bin");
        assertContains(refusal(file), "tensor 'b'", "is a link to", "outside the model's directory");
    }

    @Test
    void externalDataShorterThanItsShape() throws IOException {
        Files.write(dir.resolve("weights.bin"), new byte[20]);
        Path file = externalModel("short-external.onnx", "weights.bin");
        assertContains(refusal(file), "tensor 'b'", "only 20 bytes", "truncated");
    }

    @Test
    void missingExternalFile() throws IOException {
        Path file = externalModel("missing.onnx", "nowhere.bin");
        assertContains(refusal(file), "'nowhere.bin' does not exist");
    }

    @Test
    void branch() throws IOException {
        Path file = OnnxModels.withInput("x", 4).output("z")
                .node(node("Relu", "a", new String[] {"x"}, "a"))
                .node(node("Sigmoid", "b", new String[] {"x"}, "b"))
                .node(node("Add", "sum", new String[] {"a", "b"}, "z"))
                .write(dir.resolve("branch.onnx"));
        assertContains(refusal(file), "node 'a' (Relu)", "read by 2 nodes", "chain");
    }

    @Test
    void oldOpset() throws IOException {
        Path file = OnnxModels.withInput("x", 4).opset(9).output("y")
                .node(node("Relu", "r", new String[] {"x"}, "y")).write(dir.resolve("opset9.onnx"));
        assertContains(refusal(file), "opset 9 is not supported", "11 to 18");
    }

    @Test
    void symbolicSampleDimension() throws IOException {
        ValueInfoProto.Builder input = OnnxModels.value("x").toBuilder();
        input.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("F"));
        Path file = OnnxModels.withInput(input.build()).output("y")
                .node(node("Relu", "r", new String[] {"x"}, "y")).write(dir.resolve("symbolic.onnx"));
        assertContains(refusal(file), "dimension 1 is symbolic ('F')", "only the batch dimension");
    }

    @Test
    void padWithANonZeroConstant() throws IOException {
        Path file = OnnxModels.withInput("x", 1, 4, 4).output("y")
                .ints("pads", new long[] {0, 0, 1, 1, 0, 0, 1, 1}, 8)
                .weights("value", new float[] {1.5f})
                .node(node("Pad", "pad", new String[] {"x", "pads", "value"}, "y"))
                .write(dir.resolve("pad-value.onnx"));
        assertContains(refusal(file), "node 'pad' (Pad)", "constant_value [1.5] is not supported");
    }

    @Test
    void ceilModeThatChangesTheOutput() throws IOException {
        Path file = OnnxModels.withInput("x", 1, 5, 5).output("y")
                .node(node("MaxPool", "pool", new String[] {"x"}, "y", "kernel_shape", new long[] {2, 2},
                        "strides", new long[] {2, 2}, "ceil_mode", 1L))
                .write(dir.resolve("ceil.onnx"));
        assertContains(refusal(file), "node 'pool' (MaxPool)", "ceil_mode=1", "ceil_mode=False");
    }

    @Test
    void softmaxOverChannels() throws IOException {
        Path file = OnnxModels.withInput("x", 3, 2, 2).output("y")
                .node(node("Softmax", "sm", new String[] {"x"}, "y", "axis", 1L))
                .write(dir.resolve("softmax-axis.onnx"));
        assertContains(refusal(file), "node 'sm' (Softmax)", "axis=1", "last axis");
    }

    @Test
    void unknownAttribute() throws IOException {
        Path file = OnnxModels.withInput("x", 3).output("y")
                .weights("b", new float[6], 2, 3)
                .node(node("Gemm", "fc", new String[] {"x", "b"}, "y", "transB", 1L, "transA", 1L))
                .write(dir.resolve("transA.onnx"));
        assertContains(refusal(file), "node 'fc' (Gemm)", "transA=1");
    }

    @Test
    void reshapeThatIsNotAFlatten() throws IOException {
        Path file = OnnxModels.withInput("x", 6).output("y")
                .ints("shape", new long[] {-1, 2, 3}, 3)
                .node(node("Reshape", "rs", new String[] {"x", "shape"}, "y"))
                .write(dir.resolve("reshape.onnx"));
        assertContains(refusal(file), "node 'rs' (Reshape)", "[-1, 2, 3]", "only as a flatten");
    }
}
