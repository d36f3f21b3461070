package org.nnj.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/** What the contracts share: seeded tensors, bitwise comparisons, and a save and load through a temporary file. */
final class Contracts {
    private Contracts() {
    }

    static Tensor uniform(Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, (float) random.nextDouble(-1, 1));
        }
        return t;
    }

    /** Fails unless {@code actual} holds the same floats as {@code expected}, bit for bit. */
    static void assertSameBits(String what, Tensor expected, Tensor actual) {
        if (!expected.shape().equals(actual.shape())) {
            throw new AssertionError(what + ": shape " + actual.shape() + ", expected " + expected.shape());
        }
        for (int i = 0; i < expected.size(); i++) {
            if (Float.floatToRawIntBits(expected.getFlat(i)) != Float.floatToRawIntBits(actual.getFlat(i))) {
                throw new AssertionError(what + ": element " + GradientChecker.index(expected.shape(), i) + " is "
                        + actual.getFlat(i) + ", expected " + expected.getFlat(i) + " (bit for bit)");
            }
        }
    }

    /** Fails unless the two models have the same parameters and buffers, by name and bit for bit. */
    static void assertSameParameters(String what, Sequential expected, Sequential actual) {
        Map<String, Parameter> e = expected.namedParameters();
        Map<String, Parameter> a = actual.namedParameters();
        if (!e.keySet().equals(a.keySet())) {
            throw new AssertionError(what + ": parameters " + a.keySet() + ", expected " + e.keySet());
        }
        e.forEach((name, p) -> assertSameBits(what + ", parameter '" + name + "'", p.value(), a.get(name).value()));
        Map<String, Tensor> eb = expected.namedBuffers();
        Map<String, Tensor> ab = actual.namedBuffers();
        if (!eb.keySet().equals(ab.keySet())) {
            throw new AssertionError(what + ": buffers " + ab.keySet() + ", expected " + eb.keySet());
        }
        eb.forEach((name, t) -> assertSameBits(what + ", buffer '" + name + "'", t, ab.get(name)));
    }

    /**
     * Sets every buffer of {@code model} to seeded values in [0.5, 1.5) (positive, as running variances
     * must be), so that a save and load that lost them would show.
     */
    static void moveBuffers(Sequential model, long seed) {
        for (Tensor buffer : model.namedBuffers().values()) {
            Tensor values = uniform(buffer.shape(), seed++);
            for (int i = 0; i < buffer.size(); i++) {
                buffer.setFlat(i, 1 + 0.5f * values.getFlat(i));
            }
        }
    }

    static void assertSameParameters(String what, List<Parameter> expected, List<Parameter> actual) {
        for (int i = 0; i < expected.size(); i++) {
            assertSameBits(what + ", parameter '" + expected.get(i).name() + "'", expected.get(i).value(),
                    actual.get(i).value());
        }
    }

    /** Saves {@code checkpoint} to a temporary file and reads it back; the file is deleted. */
    static Checkpoint saveAndRead(String subject, Checkpoint checkpoint, Registries registries) {
        Path file = null;
        try {
            file = Files.createTempFile("nnj-contract-", ".safetensors");
            ModelFile.save(file, checkpoint, registries);
            return ModelFile.read(file, registries);
        } catch (IOException e) {
            throw new UncheckedIOException(subject + ": cannot use a temporary model file", e);
        } catch (RuntimeException e) {
            throw new AssertionError(subject + ": saving and loading failed: " + e, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A temporary file left behind is not worth failing the check for.
                }
            }
        }
    }

    static String dims(Shape shape) {
        return Arrays.toString(shape.dims());
    }
}
