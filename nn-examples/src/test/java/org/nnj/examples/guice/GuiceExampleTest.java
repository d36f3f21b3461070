package org.nnj.examples.guice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.inject.NnModule;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

class GuiceExampleTest {
    private final ScalarBackend backend = new ScalarBackend(1);

    @Test
    void theUserModuleAddsALayerWithoutServiceFilesAndReplacesTheBackend() {
        Injector injector = Guice.createInjector(new NnModule(), new UserModule(backend));
        Registries registries = injector.getInstance(Registries.class);
        assertTrue(registries.layers().names().containsAll(java.util.List.of("scale", "dense", "activation")),
                registries.toString());
        assertSame(backend, injector.getInstance(ComputeBackend.class));
        // The layer is not in any META-INF/services file: ServiceLoader alone does not find it.
        assertFalse(Registries.fromServiceLoader().layers().names().contains("scale"));
    }

    @Test
    void guiceAndPlainJavaBuildTheSameModel() {
        GuiceExample.Wiring guice = GuiceExample.withGuice(backend);
        GuiceExample.Wiring plain = GuiceExample.withPlainJava(backend);
        assertEquals(guice.registries().layers().names(), plain.registries().layers().names());
        Sequential a = GuiceExample.model(guice.registries(), 7);
        Sequential b = GuiceExample.model(plain.registries(), 7);
        assertEquals("scale", a.layers().get(1).type());
        a.namedParameters().forEach((k, p) -> assertArrayEquals(p.value().toArray(),
                b.namedParameters().get(k).value().toArray(), k));
        Tensor x = Tensor.of(new float[] {1, -2, 0.5f, 3, 0, 1, -1, 2}, 2, 4);
        assertArrayEquals(a.predict(x, guice.backend()).toArray(), b.predict(x, plain.backend()).toArray());
    }

    @Test
    void theScaleLayerScalesAndSavesLikeAnyPlugin(@TempDir Path dir) throws IOException {
        GuiceExample.Wiring guice = GuiceExample.withGuice(backend);
        Sequential model = Sequential.builder(Shape.of(3)).registries(guice.registries())
                .add("scale", org.nnj.api.config.Config.of("factor", -2.0)).build();
        assertArrayEquals(new float[] {-2, 4, -1}, model.predict(Tensor.of(new float[] {1, -2, 0.5f}, 1, 3), backend)
                .toArray());
        Path file = dir.resolve("scale.safetensors");
        ModelFile.save(file, org.nnj.core.io.Checkpoint.of(model), guice.registries());
        Sequential loaded = ModelFile.load(file, guice.registries());
        assertEquals(model.layers().get(0).config(), loaded.layers().get(0).config());
    }
}
