package org.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.examples.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.io.ModelFile;
import org.nnj.core.io.Safetensors;

/** The commands of {@code ./nn}, run in-process as a user would run them, on the shipped data. */
class CommandLineTest {


    @Test
    void helpListsEveryCommand() {
        CliRun r = run("--help");
        assertEquals(0, r.exitCode());
        for (String command : new String[] {"perceptron", "xor", "train", "predict", "plugins"}) {
            assertTrue(r.out().contains("  " + command + " "), command + " missing from:\n" + r.out());
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun r = run("train", "--epochz", "3");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--epochz"), r.err());
    }

    @Test
    void anUnknownModelNamesTheKnownOnes() {
        CliRun r = run("train", "--model", "resnet", "--threads", "1");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown model 'resnet'") && r.err().contains("mlp"), r.err());
    }

    @Test
    void thePerceptronLearnsAndOrAndTheCloudButNotXor() {
        CliRun r = run("perceptron");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\\nAND\\s+yes .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nOR\\s+yes .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\npoint cloud\\s+yes .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nXOR\\s+NO .*"), r.out());
    }

    @Test
    void theXorNetworkClassifiesAllFourPoints() {
        CliRun r = run("xor", "--threads", "1");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("4 of 4 points classified correctly"), r.out());
    }

    @Test
    void trainingOneEpochOnTheShippedSubsetLearnsAndWritesItsReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        CliRun r = run("train", "--epochs", "1", "--threads", "2", "--validation", "0", "--report", report.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("test accuracy"), r.out());

        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        for (String key : new String[] {"model", "backend", "threads", "epochs", "train_images", "seconds",
            "images_per_second", "test_accuracy", "final_loss"}) {
            assertTrue(json.has(key), "report lacks " + key + ": " + json);
        }
        assertEquals("mlp", json.get("model").asText());
        assertEquals(10_000, json.get("train_images").asInt());
        assertEquals(2_000, json.get("test_images").asInt());
        assertEquals(1, json.get("epochs").asInt());
        // One epoch of Adam on 10,000 images: well above chance (0.1), typically about 0.8.
        double accuracy = json.get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.7, "test accuracy after one epoch: " + accuracy);
        assertTrue(json.get("validation_accuracy").isNull(), "no validation set, so null: " + json);
    }

    @Test
    void aRunCheckpointedAfterOneEpochAndResumedEndsWithTheWeightsOfAnUninterruptedRun(@TempDir Path dir)
            throws Exception {
        String[] common = {"--limit", "300", "--threads", "1", "--batch", "32", "--seed", "9"};
        Path straight = dir.resolve("straight.safetensors");
        CliRun a = run(concat(new String[] {"train", "--epochs", "2", "--save", straight.toString()}, common));
        assertEquals(0, a.exitCode(), a.out() + a.err());

        Path checkpoint = dir.resolve("run.safetensors");
        CliRun first = run(concat(new String[] {"train", "--epochs", "1", "--checkpoint", checkpoint.toString()}, common));
        assertEquals(0, first.exitCode(), first.out() + first.err());
        Path resumed = dir.resolve("resumed.safetensors");
        CliRun second = run("train", "--resume", checkpoint.toString(), "--epochs", "2", "--threads", "1",
                "--save", resumed.toString());
        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertTrue(second.out().contains("resuming " + checkpoint + ": 1 of 2 epochs done"), second.out());

        Map<String, Tensor> expected = Safetensors.read(straight).tensors();
        Map<String, Tensor> actual = Safetensors.read(resumed).tensors();
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertTrue(Arrays.equals(expected.get(name).toArray(), actual.get(name).toArray()), name);
        }
        // The resumed run went on checkpointing into the file it resumed from.
        assertEquals("2", new ObjectMapper().readTree(Safetensors.read(checkpoint).metadata()
                .get(ModelFile.TRAINING_KEY)).get("epoch").asText());
    }

    @Test
    void predictPrintsTheTopClassesOfIdxImagesAndTheirAccuracy(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.safetensors");
        CliRun train = run("train", "--limit", "500", "--epochs", "1", "--threads", "1", "--save", model.toString());
        assertEquals(0, train.exitCode(), train.out() + train.err());
        Path images = resource(dir, "t10k-images-idx3-ubyte.gz");
        Path labels = resource(dir, "t10k-labels-idx1-ubyte.gz");

        CliRun r = run("predict", "--model", model.toString(), "--images", images.toString(), "--labels",
                labels.toString(), "--count", "4", "--top", "2", "--threads", "1");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(5, lines.length, r.out());
        // Class names and probabilities: "t10k-images-idx3-ubyte.gz[0]:  Ankle boot 0.8123  Sneaker 0.1002 ..."
        assertTrue(lines[0].matches("t10k-images-idx3-ubyte\\.gz\\[0\\]:(  [A-Za-z/ -]+ [01]\\.\\d{4}){2}   \\(label: Ankle boot.*"),
                lines[0]);
        assertTrue(lines[4].startsWith("accuracy "), lines[4]);

        CliRun withMatrix = run("predict", "--model", model.toString(), "--images", images.toString(), "--labels",
                labels.toString(), "--count", "50", "--confusion", "--threads", "1");
        assertEquals(0, withMatrix.exitCode(), withMatrix.out() + withMatrix.err());
        String[] table = withMatrix.out().split("accuracy [^\n]*\n")[1].split("\n");
        assertEquals(11, table.length, withMatrix.out());
        assertTrue(table[0].startsWith("true \\ predicted "), table[0]);
        long counted = 0;
        for (int t = 1; t <= 10; t++) {
            String[] cells = table[t].substring("true \\ predicted".length()).trim().split("\\s+");
            for (int p = 0; p < 10; p++) {
                counted += Long.parseLong(cells[p]);
            }
        }
        assertEquals(50, counted, withMatrix.out());
    }

    @Test
    void predictRejectsAPictureOfTheWrongSizeAndAMissingModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.safetensors");
        assertEquals(0, run("train", "--limit", "100", "--epochs", "1", "--threads", "1", "--validation", "0",
                "--save", model.toString()).exitCode());
        Path png = dir.resolve("big.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(32, 32,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        CliRun r = run("predict", "--model", model.toString(), png.toString(), "--threads", "1");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("32x32 pixels but the model takes 28x28"), r.err());

        // A model file that is not there is a bad argument, found before anything loads.
        CliRun missing = run("predict", "--model", dir.resolve("nope.safetensors").toString(), png.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("nn: ") && missing.err().contains("nope.safetensors"), missing.err());
    }

    @Test
    void pluginsListsTheProvidersAndTheirJars() {
        CliRun r = run("plugins");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\\n  dense +v1  org\\.nnj\\.layers\\.dense\\.DenseProvider .*"), r.out());
        assertTrue(r.out().contains("optimizers (") && r.out().contains("  adam "), r.out());
        assertTrue(r.out().contains("losses ("), r.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Path resource(Path dir, String name) throws java.io.IOException {
        Path file = dir.resolve(name);
        try (java.io.InputStream in = CommandLineTest.class.getResourceAsStream("/org/nnj/examples/data/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }
}
