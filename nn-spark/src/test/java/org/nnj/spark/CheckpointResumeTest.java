package org.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.TrainingListener;

/**
 * A job that dies after a round resumes from the checkpoint the driver wrote after that round, and ends with
 * exactly the weights of the job that never died: each round's update is applied once, neither lost nor
 * repeated, and the optimizer's state (Adam's moments, averaged across partitions) survives the restart.
 */
@SparkJdk
class CheckpointResumeTest {

    /** The driver dying after round {@code after}: thrown from the listener, after that round's checkpoint. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("the driver died");
        }
    }

    private static TrainingSettings settings(String checkpointDir) {
        return new TrainingSettings("adam", 1e-3, 2, 64, SyncMode.PARAMETER, 2, 11, true, checkpointDir);
    }

    @Test
    void aRestartedJobResumesAfterTheLastRoundAndEndsWithTheSameWeights(@TempDir Path dir) throws Exception {
        Dataset<Row> data = TestSpark.frame(TestSpark.fashion("train", 256), 2);
        ModelSpec spec = new ModelSpec(ModelSpec.MLP);
        // 256 rows at 64 a step: 4 steps an epoch, 2 rounds of 2 steps; 4 rounds in all.
        Sequential uninterrupted = new DistributedTrainer(settings(null), List.of()).fit(data, spec, "features", "label");

        String checkpoints = dir.toString();
        List<String> seen = new ArrayList<>();
        TrainingListener dies = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
                seen.add(epoch + ":" + step);
                if (epoch == 1 && step == 2) {
                    throw new Crash();
                }
            }
        };
        assertThrows(Crash.class, () -> new DistributedTrainer(settings(checkpoints), List.of(dies))
                .fit(data, spec, "features", "label"));
        Path file = dir.resolve(DistributedTrainer.CHECKPOINT_FILE);
        Checkpoint saved = ModelFile.read(file, Registries.fromServiceLoader());
        assertEquals("2", saved.metadata().get(DistributedTrainer.ROUNDS_KEY));
        assertTrue(saved.optimizer().isPresent());

        List<String> resumedRounds = new ArrayList<>();
        Sequential resumed = new DistributedTrainer(settings(checkpoints), List.of(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
                resumedRounds.add(epoch + ":" + step);
            }
        })).fit(data, spec, "features", "label");

        assertEquals(List.of("1:1", "1:2"), seen);
        assertEquals(List.of("2:1", "2:2"), resumedRounds);
        for (int i = 0; i < uninterrupted.parameters().size(); i++) {
            assertArrayEquals(uninterrupted.parameters().get(i).value().toArray(),
                    resumed.parameters().get(i).value().toArray(), uninterrupted.parameters().get(i).name());
        }
        assertEquals("4", ModelFile.read(file, Registries.fromServiceLoader()).metadata()
                .get(DistributedTrainer.ROUNDS_KEY));
        assertTrue(Files.list(dir).allMatch(p -> p.equals(file)), "only the checkpoint is left: no temporary files");
    }
}
