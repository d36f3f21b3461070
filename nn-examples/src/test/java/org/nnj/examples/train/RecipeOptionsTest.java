package org.nnj.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.examples.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.optim.Optimizer;
import org.nnj.core.io.ModelFile;
import org.nnj.examples.CliRun;

/**
 * {@code ./nn train} takes a model's recipe for the options not given, applies the cosine schedule per step,
 * and a checkpoint keeps the schedule: resuming continues it, and a contradicting {@code --schedule} is refused.
 * Runs of 64 images on one thread.
 */
class RecipeOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aRecipeFillsTheOptionsNotGiven() {
        CliRun run = run("train", "--model", "mlp-wide", "--limit", "64", "--epochs", "1", "--validation", "0",
                "--threads", "1");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("optimizer adamw, lr 0.001, weight decay 0.05, cosine schedule; batch 128; 1 epoch;"),
                run.out());

        CliRun plain = run("train", "--limit", "64", "--epochs", "1", "--validation", "0", "--threads", "1",
                "--weight-decay", "0.01", "--batch", "32");
        assertEquals(0, plain.exitCode(), plain.out() + plain.err());
        assertTrue(plain.out().contains("optimizer adam, lr 0.001, weight decay 0.01; batch 32; 1 epoch;"), plain.out());
    }

    @Test
    void theCosineScheduleAnnealsEveryStepAndSurvivesAResume() throws IOException {
        Path checkpoint = dir.resolve("run.safetensors");
        // 64 images in batches of 16: 4 steps an epoch, 8 in the run; the rate before step s (0-based) is
        // 0.01 * (1 + cos(pi * s / 8)) / 2, and the optimizer keeps the rate of the last step it took.
        CliRun first = run("train", "--limit", "64", "--epochs", "1", "--batch", "16", "--lr", "0.01", "--schedule",
                "cosine", "--validation", "0", "--threads", "1", "--checkpoint", checkpoint.toString());
        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertEquals(0.01 * (1 + Math.cos(Math.PI * 3 / 4)) / 2, learningRate(checkpoint), 1e-12);

        byte[] before = Files.readAllBytes(checkpoint);
        CliRun refused = run("train", "--resume", checkpoint.toString(), "--epochs", "2", "--schedule", "none",
                "--threads", "1");
        assertEquals(2, refused.exitCode(), refused.err());
        assertEquals("nn: train --schedule: the checkpoint " + checkpoint + " was trained with schedule cosine, given"
                + " none; a checkpoint continues its own schedule, drop --schedule (see ./nn train --help)",
                refused.err().strip());
        assertArrayEquals(before, Files.readAllBytes(checkpoint), "a refused resume must not touch the checkpoint");

        // Resumed with a new total of 2 epochs, the schedule is stretched over 8 steps from the saved base rate.
        CliRun resumed = run("train", "--resume", checkpoint.toString(), "--epochs", "2", "--threads", "1");
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("lr 0.01, cosine schedule"), resumed.out());
        assertEquals(0.01 * (1 + Math.cos(Math.PI * 7 / 8)) / 2, learningRate(checkpoint), 1e-12);
    }

    @Test
    void anUnknownScheduleAndANegativeWeightDecayAreUsageErrors() {
        CliRun schedule = run("train", "--schedule", "step", "--limit", "64");
        assertEquals(2, schedule.exitCode());
        assertEquals("nn: train --schedule: unknown schedule 'step'; known schedules are none, cosine"
                + " (see ./nn train --help)", schedule.err().strip());
        CliRun decay = run("train", "--weight-decay", "-1", "--limit", "64");
        assertEquals(2, decay.exitCode());
        assertEquals("nn: train --weight-decay: must be a number, 0 or above, got -1.0 (see ./nn train --help)",
                decay.err().strip());
    }

    private static double learningRate(Path checkpoint) throws IOException {
        Optimizer opt = ModelFile.read(checkpoint).optimizer().orElseThrow();
        return opt.learningRate();
    }
}
