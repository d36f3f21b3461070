package org.nnj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.activation.Activation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.Sequential;
import org.nnj.layers.activation.ActivationLayer;
import org.nnj.onnx.proto.OnnxProto.ModelProto;
import org.nnj.onnx.proto.OnnxProto.NodeProto;
import org.nnj.onnx.proto.OnnxProto.TensorProto;
import org.nnj.onnx.proto.OnnxProto.TensorShapeProto;

/** What an exported file holds, plugin layers through the SPI, and the refusals. */
class OnnxExportTest {
    @TempDir
    Path dir;

    @Test
    void theFileDeclaresOpset13ItsProducerAndABatchOfN() throws Exception {
        Path file = dir.resolve("lenet.onnx");
        OnnxExport.write(TestModels.lenet(), file);
        ModelProto model = read(file);
        assertEquals(7, model.getIrVersion());
        assertEquals(1, model.getOpsetImportCount());
        assertEquals("", model.getOpsetImport(0).getDomain());
        assertEquals(13, model.getOpsetImport(0).getVersion());
        assertEquals("NNJ", model.getProducerName());
        assertFalse(model.getProducerVersion().isEmpty());
        assertEquals(List.of("input"), model.getGraph().getInputList().stream().map(v -> v.getName()).collect(Collectors.toList()));
        assertEquals("[N, 1, 28, 28]", dims(model.getGraph().getInput(0).getType().getTensorType().getShape()));
        assertEquals("output", model.getGraph().getOutput(0).getName());
        assertEquals("[N, 10]", dims(model.getGraph().getOutput(0).getType().getTensorType().getShape()));
        assertEquals(List.of("Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm",
                "Relu", "Gemm"), operators(model));
        TensorProto weight = model.getGraph().getInitializerList().stream().filter(t -> t.getName().equals("0.weight"))
                .findFirst().orElseThrow();
        assertEquals(List.of(6L, 1L, 5L, 5L), weight.getDimsList());
        assertEquals("output", last(model).getOutput(0));
    }

    @Test
    void paddingModesBecomeConvPadsAPadNodeOrGathers() throws Exception {
        assertEquals(List.of("Conv", "Conv"), operators(export("padding zeros")));
        assertEquals(List.of("Pad", "Conv", "Pad", "Conv"), operators(export("padding reflect")));
        assertEquals(List.of("Pad", "Conv", "Pad", "Conv"), operators(export("padding replicate")));
        assertEquals(List.of("Gather", "Gather", "Conv", "Gather", "Gather", "Conv"), operators(export("padding symmetric")));
        NodeProto pad = read(dir.resolve("padding replicate.onnx")).getGraph().getNode(0);
        assertEquals("edge", pad.getAttribute(0).getS().toStringUtf8());
    }

    @Test
    void aPluginLayerIsExportedByItsExporterFromTheServiceLoader() throws Exception {
        Sequential model = Sequential.builder(Shape.of(4)).seed(1).add("dense", Config.of("units", 3))
                .add(new TestScaleLayer(TestScaleLayer.TYPE, Shape.of(3), 2.5f, -0.75f)).add("tanh", Config.empty())
                .build();
        Path file = dir.resolve("plugin.onnx");
        OnnxExport.write(model, file);
        assertEquals(List.of("Gemm", "Mul", "Add", "Tanh"), operators(read(file)));
        Tensor batch = TestModels.input(model, 4, 2, true);
        System.out.println("round trip plugin layer: " + Agreement.check("plugin layer",
                model.predict(batch, new ScalarBackend()).toArray(), Ort.run(file, batch)));
    }

    @Test
    void aLayerWithoutExporterIsRefusedByIndexAndTypeAndTheOldFileStays() throws Exception {
        Sequential model = Sequential.builder(Shape.of(4)).add("dense", Config.of("units", 3))
                .add(new TestScaleLayer("test_unexportable", Shape.of(3), 1, 0)).build();
        Path file = dir.resolve("model.onnx");
        Files.writeString(file, "old");
        OnnxException e = assertThrows(OnnxException.class, () -> OnnxExport.write(model, file));
        assertEquals("layer 1 (test_unexportable): no ONNX form for layers of type 'test_unexportable'; add an"
                + " org.nnj.onnx.spi.OnnxLayerExporter for 'test_unexportable' to the class path (see docs/ONNX.md),"
                + " or export a model without it", e.getMessage());
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.collect(Collectors.toList()), "no temporary file left");
        }
    }

    @Test
    void anActivationWithoutExporterIsNamed() {
        Activation square = new Activation() {
            @Override
            public String type() {
                return "test_square";
            }

            @Override
            public void forward(ComputeBackend backend, Tensor input, Tensor output) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput,
                                 Tensor gradInput) {
                throw new UnsupportedOperationException();
            }
        };
        Sequential model = Sequential.builder(Shape.of(2)).add(new ActivationLayer(Shape.of(2), square)).build();
        OnnxException e = assertThrows(OnnxException.class, () -> OnnxExport.write(model, dir.resolve("a.onnx")));
        assertTrue(e.getMessage().startsWith("layer 0 (activation test_square): no ONNX form for the activation"
                + " 'test_square'; add an org.nnj.onnx.spi.OnnxLayerExporter for 'test_square'"), e.getMessage());
    }

    @Test
    void softplusStaysFiniteFarAboveItsThresholdWhereLogOfExpOverflows() throws Exception {
        Sequential model = Sequential.builder(Shape.of(5)).add("softplus", Config.empty()).build();
        Path file = dir.resolve("softplus.onnx");
        OnnxExport.write(model, file);
        Tensor batch = Tensor.of(new float[] {100, -100, 0, 25, 1000}, 1, 5);
        float[] ort = Ort.run(file, batch);
        Agreement.check("softplus far out", model.predict(batch, new ScalarBackend()).toArray(), ort);
        assertEquals(1000f, ort[4]);
    }

    @Test
    void aModelWithoutLayersIsAnIdentity() throws Exception {
        Sequential model = Sequential.builder(Shape.of(3)).build();
        Path file = dir.resolve("empty.onnx");
        OnnxExport.write(model, file);
        Tensor batch = Tensor.of(new float[] {1, -2, 3, 4, 5, -6}, 2, 3);
        assertEquals(List.of("Identity"), operators(read(file)));
        Agreement.check("no layers", batch.toArray(), Ort.run(file, batch));
    }

    private ModelProto export(String name) throws Exception {
        Path file = dir.resolve(name + ".onnx");
        OnnxExport.write(TestModels.all().get(name).get(), file);
        return read(file);
    }

    private static ModelProto read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelProto.parseFrom(in);
        }
    }

    private static List<String> operators(ModelProto model) {
        return model.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toList());
    }

    private static NodeProto last(ModelProto model) {
        return model.getGraph().getNode(model.getGraph().getNodeCount() - 1);
    }

    private static String dims(TensorShapeProto shape) {
        return shape.getDimList().stream().map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
