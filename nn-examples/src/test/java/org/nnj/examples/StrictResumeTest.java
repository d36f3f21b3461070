package org.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.examples.CliRun.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.TrainingProgress;

/**
 * {@code ./nn train --resume} on data that changed since the checkpoint: refused with the two fingerprints,
 * accepted with {@code --resume-override} (with a warning), and an older checkpoint without a fingerprint
 * resumes with a warning. Runs of 64 images, one epoch each.
 */
class StrictResumeTest {

    @TempDir
    Path dir;

    @Test
    void changedDataAreRefusedUnlessOverriddenAndTheOverrideSaysSo() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        copy("train-images-idx3-ubyte.gz", data.resolve("train-images-idx3-ubyte.gz"));
        copy("train-labels-idx1-ubyte.gz", data.resolve("train-labels-idx1-ubyte.gz"));
        copy("t10k-images-idx3-ubyte.gz", data.resolve("t10k-images-idx3-ubyte.gz"));
        copy("t10k-labels-idx1-ubyte.gz", data.resolve("t10k-labels-idx1-ubyte.gz"));
        Path checkpoint = dir.resolve("run.safetensors");
        CliRun first = run("train", "--data", data.toString(), "--limit", "64", "--epochs", "1", "--batch", "32",
                "--validation", "0", "--threads", "1", "--checkpoint", checkpoint.toString());
        assertEquals(0, first.exitCode(), first.out() + first.err());
        String fingerprint = ModelFile.read(checkpoint).progress().orElseThrow().dataFingerprint();
        assertTrue(fingerprint != null && fingerprint.startsWith("n64-"), fingerprint);

        // Someone replaces the training images (here with the test images): same names, other data.
        copy("t10k-images-idx3-ubyte.gz", data.resolve("train-images-idx3-ubyte.gz"));
        copy("t10k-labels-idx1-ubyte.gz", data.resolve("train-labels-idx1-ubyte.gz"));
        byte[] before = Files.readAllBytes(checkpoint);
        CliRun refused = run("train", "--resume", checkpoint.toString(), "--epochs", "2", "--threads", "1");
        assertEquals(2, refused.exitCode(), refused.err());
        String[] lines = refused.err().split("\\R");
        assertEquals(1, lines.length, refused.err());
        assertTrue(lines[0].startsWith("nn: train --data: the checkpoint " + checkpoint + " was trained on data with"
                + " fingerprint " + fingerprint + ", the data now (Fashion-MNIST from " + data + ") has n64-"), lines[0]);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(checkpoint)), "the checkpoint was changed");

        CliRun overridden = run("train", "--resume", checkpoint.toString(), "--epochs", "2", "--batch", "16",
                "--threads", "1", "--resume-override");
        assertEquals(0, overridden.exitCode(), overridden.out() + overridden.err());
        assertTrue(overridden.err().contains("nn: warning: --batch: the checkpoint " + checkpoint
                + " was trained with batch size 32; continuing with 16 (--resume-override)"), overridden.err());
        assertTrue(overridden.err().contains("nn: warning: the training data differ from the checkpoint's"),
                overridden.err());
        assertTrue(overridden.out().contains("resuming " + checkpoint + ": 1 of 2 epochs done"), overridden.out());
        assertTrue(overridden.out().contains("trained 1 epoch in "), overridden.out());
        TrainingProgress after = ModelFile.read(checkpoint).progress().orElseThrow();
        assertEquals(2, after.epoch());
        assertEquals(16, after.batchSize());
        assertTrue(!fingerprint.equals(after.dataFingerprint()), "the new data's fingerprint is recorded");
    }

    @Test
    void aCheckpointWithoutAFingerprintResumesWithAWarning() throws IOException {
        Path checkpoint = dir.resolve("old.safetensors");
        CliRun first = run("train", "--limit", "64", "--epochs", "1", "--batch", "32", "--validation", "0", "--threads",
                "1", "--checkpoint", checkpoint.toString());
        assertEquals(0, first.exitCode(), first.out() + first.err());
        Registries registries = Registries.fromServiceLoader();
        Checkpoint saved = ModelFile.read(checkpoint, registries);
        ModelFile.save(checkpoint, saved.withProgress(saved.progress().orElseThrow().withDataFingerprint(null)),
                registries);
        assertNull(ModelFile.read(checkpoint).progress().orElseThrow().dataFingerprint());

        CliRun resumed = run("train", "--resume", checkpoint.toString(), "--epochs", "2", "--threads", "1");
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertEquals("nn: warning: " + checkpoint + " records no data fingerprint (an older checkpoint): the training"
                + " data cannot be checked against the checkpoint's", resumed.err().strip());
        assertTrue(ModelFile.read(checkpoint).progress().orElseThrow().dataFingerprint().startsWith("n64-"));
    }

    private static void copy(String name, Path to) throws IOException {
        try (InputStream in = StrictResumeTest.class.getResourceAsStream("/org/nnj/examples/data/" + name)) {
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
