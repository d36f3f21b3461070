package org.nnj.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.registry.Registries;

/**
 * The models exported by PyTorch with {@code tools/make_onnx_fixtures.py}, listed in {@code fixtures.txt}:
 * each with a batch of inputs and PyTorch's outputs for them (float32, little-endian).
 */
final class Fixtures {
    /** The tolerance: {@code |got - want| <= TOLERANCE * max(1, |want|)}, relative above 1, absolute below. */
    static final double TOLERANCE = 1e-5;

    record Fixture(String name, Path file, int opset, Shape inputShape, Shape outputShape) {
        Tensor input() {
            return read(sibling(".input.bin"), inputShape);
        }

        Tensor expected() {
            return read(sibling(".output.bin"), outputShape);
        }

        private Path sibling(String suffix) {
            return file.resolveSibling(name + suffix);
        }

        @Override
        public String toString() {
            return name + " (opset " + opset + ")";
        }
    }

    private Fixtures() {
    }

    static Path directory() {
        try {
            return Path.of(Fixtures.class.getResource("fixtures/fixtures.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Fixture> all() {
        Path dir = directory();
        List<Fixture> list = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("fixtures.txt"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                list.add(new Fixture(f[0], dir.resolve(f[1]), Integer.parseInt(f[2]), shape(f[3]), shape(f[4])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    static Fixture named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static Shape shape(String text) {
        return Shape.of(Arrays.stream(text.split("x")).mapToInt(Integer::parseInt).toArray());
    }

    static Tensor read(Path file, Shape shape) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != shape.size() * 4) {
                throw new IllegalStateException(file + ": " + bytes.length + " bytes for shape " + shape);
            }
            float[] values = new float[shape.size()];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return Tensor.wrap(values, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The worst {@code |got - want| / max(1, |want|)}. */
    static double worstError(Tensor got, Tensor want) {
        if (!got.shape().equals(want.shape())) {
            throw new AssertionError("shape " + got.shape() + ", expected " + want.shape());
        }
        double worst = 0;
        for (int i = 0; i < want.size(); i++) {
            double w = want.getFlat(i);
            double e = Math.abs(got.getFlat(i) - w) / Math.max(1, Math.abs(w));
            if (!(e <= worst)) {
                worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
            }
        }
        return worst;
    }

    /** The two backends every fixture runs on: "scalar" and "simd" (which the test JVM must have). */
    static List<String> backends() {
        return List.of("scalar", "simd");
    }

    static ComputeBackend backend(String name) {
        if (name.equals("scalar")) {
            return new ScalarBackend(1);
        }
        ComputeBackendProvider provider = Registries.fromServiceLoader().backends().get(name);
        provider.unavailableReason().ifPresent(why -> {
            throw new IllegalStateException("backend " + name + " is unavailable: " + why);
        });
        return provider.create(Config.of("threads", 2));
    }
}
