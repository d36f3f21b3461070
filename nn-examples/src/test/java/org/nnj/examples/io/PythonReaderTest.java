package org.nnj.examples.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.Trainer;
import org.nnj.examples.train.FashionMnistSource;
import org.nnj.examples.train.ModelCatalog;

/**
 * {@code tools/read_model.py}, with numpy and json alone, reads a model file saved here and computes the
 * same logits as NNJ for the first test images, to 1e-5. Skipped where python3 or numpy is missing on a
 * developer's machine, but failed under {@code CI=true}, where {@code .ci/run} installs them: a CI run must
 * not pass by skipping.
 */
class PythonReaderTest {
    private static final int IMAGES = 8;

    @TempDir
    Path dir;

    @Test
    void numpyReproducesTheLogits() throws Exception {
        boolean available = pythonWithNumpy();
        if (!available && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("python3 with numpy is not installed, and CI=true: .ci/run should have"
                    + " installed it (apt-get install python3-numpy)");
        }
        Assumptions.assumeTrue(available, "python3 with numpy is not installed");
        Path script = findScript();

        Registries registries = Registries.fromServiceLoader();
        ScalarBackend backend = new ScalarBackend(2);
        FashionMnistSource source = new FashionMnistSource(null);
        Sequential model = ModelCatalog.build("mlp", registries, 3);
        Loss loss = registries.loss("softmax_cross_entropy", Config.empty());
        // A short training, so the weights are not just their initialisation.
        Trainer.builder().model(model).loss(loss).optimizer(registries.optimizer("adam", Config.of("lr", 1e-3)))
                .backend(backend).batchSize(50).epochs(1).seed(1).build()
                .fit(source.load("train", true).subset(0, 500));
        Path modelFile = dir.resolve("mlp.safetensors");
        ModelFile.save(modelFile, Checkpoint.of(model).withLoss(loss).withClassNames(FashionMnist.CLASS_NAMES),
                registries);

        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (InputStream in = FashionMnistSource.class.getResourceAsStream(
                "/org/nnj/examples/data/t10k-images-idx3-ubyte.gz")) {
            Files.copy(in, images);
        }
        InMemoryDataset test = source.load("t10k", true).subset(0, IMAGES);
        float[] x = new float[IMAGES * 784];
        for (int i = 0; i < IMAGES; i++) {
            test.copyFeatures(i, x, i * 784);
        }
        Tensor logits = model.predict(Tensor.wrap(x, model.inputShape().withBatch(IMAGES)), backend);

        String output = run(List.of("python3", script.toString(), modelFile.toString(), "--images", images.toString(),
                "--count", Integer.toString(IMAGES), "--json"));
        JsonNode python = new ObjectMapper().readTree(output).get("logits");
        assertEquals(IMAGES, python.size());
        double worst = 0;
        for (int i = 0; i < IMAGES; i++) {
            for (int j = 0; j < 10; j++) {
                double expected = logits.get(i, j);
                double actual = python.get(i).get(j).asDouble();
                worst = Math.max(worst, Math.abs(actual - expected));
                assertEquals(expected, actual, 1e-5, "logit " + j + " of image " + i);
            }
        }
        // Worth seeing in the test output: how close float32 NNJ comes to float64 numpy.
        System.out.println("largest logit difference NNJ vs numpy: " + worst);
    }

    private static boolean pythonWithNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy, json").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** tools/read_model.py, found from the module's directory upwards. */
    private static Path findScript() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("tools/read_model.py");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("tools/read_model.py not found above " + Path.of("").toAbsolutePath());
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        byte[] err;
        byte[] out;
        try (InputStream stdout = p.getInputStream(); InputStream stderr = p.getErrorStream()) {
            out = stdout.readAllBytes();
            err = stderr.readAllBytes();
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "read_model.py did not finish");
        assertEquals(0, p.exitValue(), "read_model.py failed: " + new String(err, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
