package org.nnj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.onnx.OnnxModels.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * How long a 50 MB model takes to import (issue 13 asks for under 2 s). The figure is printed; the bound
 * asserted is generous (10 s) so that a loaded machine does not make the build flaky.
 */
class ImportSpeedTest {
    private static final int UNITS = 2560; // two 2560 x 2560 layers: 52.4 MB of float32 weights

    @TempDir
    Path dir;

    @Test
    void aFiftyMegabyteMlpImportsQuickly() throws IOException {
        float[] w = new float[UNITS * UNITS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 1000) * 1e-3f - 0.5f;
        }
        Path file = OnnxModels.withInput("x", UNITS).output("y")
                .weights("w1", w, UNITS, UNITS).weights("b1", new float[UNITS], UNITS)
                .weights("w2", w, UNITS, UNITS)
                .node(node("Gemm", "fc1", new String[] {"x", "w1", "b1"}, "h", "transB", 1L))
                .node(node("Relu", "relu", new String[] {"h"}, "r"))
                .node(node("MatMul", "fc2", new String[] {"r", "w2"}, "y"))
                .write(dir.resolve("big.onnx"));
        long bytes = Files.size(file);
        assertTrue(bytes > 50_000_000L, "only " + bytes + " bytes");
        Registries registries = Registries.fromServiceLoader();
        long coldStart = System.nanoTime();
        OnnxImport.read(file, registries); // the first import also loads the classes and warms the JIT up
        long cold = System.nanoTime() - coldStart;
        long best = Long.MAX_VALUE;
        Sequential model = null;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            model = OnnxImport.read(file, registries);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf(Locale.ROOT, "onnx import of %.1f MB: first %.0f ms, then best of 3 %.0f ms%n", bytes / 1e6,
                cold / 1e6, best / 1e6);
        assertEquals(2L * UNITS * UNITS + UNITS, model.parameterCount());
        assertEquals(w[12345], model.parameters().get(0).value().getFlat(12345));
        assertTrue(best < 10_000_000_000L, "import took " + best / 1e6 + " ms");
    }
}
