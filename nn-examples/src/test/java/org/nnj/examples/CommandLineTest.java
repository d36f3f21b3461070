package org.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands of {@code ./nn}, run in-process as a user would run them, on the shipped data. */
class CommandLineTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("--help");
        assertEquals(0, r.exitCode());
        for (String command : new String[] {"perceptron", "xor", "train"}) {
            assertTrue(r.out().contains("  " + command + " "), command + " missing from:\n" + r.out());
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("train", "--epochz", "3");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--epochz"), r.err());
    }

    @Test
    void anUnknownModelNamesTheKnownOnes() {
        Run r = run("train", "--model", "resnet", "--threads", "1");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown model 'resnet'") && r.err().contains("mlp"), r.err());
    }

    @Test
    void thePerceptronLearnsAndOrAndTheCloudButNotXor() {
        Run r = run("perceptron");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\\nAND\\s+yes .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nOR\\s+yes .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\npoint cloud\\s+yes .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nXOR\\s+NO .*"), r.out());
    }

    @Test
    void theXorNetworkClassifiesAllFourPoints() {
        Run r = run("xor", "--threads", "1");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("4 of 4 points classified correctly"), r.out());
    }

    @Test
    void trainingOneEpochOnTheShippedSubsetLearnsAndWritesItsReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Run r = run("train", "--epochs", "1", "--threads", "2", "--validation", "0", "--report", report.toString());
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
}
