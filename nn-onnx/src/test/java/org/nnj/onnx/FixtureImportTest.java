package org.nnj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.onnx.Fixtures.Fixture;

/**
 * Every model PyTorch exported (see {@code tools/make_onnx_fixtures.py}) imports and gives PyTorch's outputs
 * for the same inputs, on the scalar backend and on the SIMD one, within
 * {@code |got - want| <= 1e-5 * max(1, |want|)}.
 */
class FixtureImportTest {
    private static final Registries REGISTRIES = Registries.fromServiceLoader();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Fixture f : Fixtures.all()) {
            for (String backend : Fixtures.backends()) {
                cases.add(Arguments.of(f, backend));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void importedModelGivesPyTorchsOutputs(Fixture fixture, String backendName) throws IOException {
        Sequential model = OnnxImport.read(fixture.file(), REGISTRIES);
        ComputeBackend backend = Fixtures.backend(backendName);
        Tensor input = fixture.input();
        assertEquals(input.shape().dropFirst(), model.inputShape());
        double worst = Fixtures.worstError(model.predict(input, backend), fixture.expected());
        System.out.printf(Locale.ROOT, "onnx fixture %-10s opset %d on %-6s: worst error %.3g%n", fixture.name(),
                fixture.opset(), backendName, worst);
        assertTrue(worst <= Fixtures.TOLERANCE, fixture + " on " + backendName + ": worst error " + worst);
    }

    @Test
    void pyTorchsPadNodesBecomeThePaddingOfTheLayersAfterThem() throws IOException {
        // padding_mode='reflect' and 'replicate' export as a Pad (its pads computed from constants) + Conv.
        List<String> padModes = OnnxImport.read(Fixtures.named("padmodes").file(), REGISTRIES).layers().stream()
                .map(Layer::describe).toList();
        assertEquals(List.of("conv2d 3x3/1 pad 1 reflect, 4 filters", "relu",
                "conv2d 3x3/1 pad 2x1 replicate, dilation 2x1, 4 filters", "sigmoid", "conv2d 3x3/2 pad 1, 2 filters",
                "flatten", "dense 3"), padModes);
        for (String name : List.of("pad", "lenet")) {
            List<String> types = OnnxImport.read(Fixtures.named(name).file(), REGISTRIES).layers().stream()
                    .map(Layer::type).toList();
            assertFalse(types.contains("pad2d"), name + ": " + types);
        }
    }

    @Test
    void theFixturesCoverTheOperatorsAndOpsets() {
        List<Fixture> all = Fixtures.all();
        assertTrue(all.size() >= 7, "fixtures: " + all);
        assertTrue(all.stream().anyMatch(f -> f.opset() == 11));
        assertTrue(all.stream().anyMatch(f -> f.opset() == 13));
        assertTrue(all.stream().anyMatch(f -> f.opset() == 17));
    }
}
