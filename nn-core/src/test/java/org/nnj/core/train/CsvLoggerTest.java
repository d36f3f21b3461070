package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.NnException;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;

class CsvLoggerTest {

    @Test
    void writesAHeaderAndOneExactRowPerEpoch(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("log.csv");
        Files.writeString(log, "an old log that must be replaced\nwith two lines\nor three\n");
        TrainingHistory history = Trainer.builder().model(Problems.regression(1)).loss(new TestMse())
                .optimizer(new TestSgd(0.01)).backend(new ScalarBackend()).batchSize(4).epochs(3)
                .listener(new CsvLogger(log)).build().fit(Problems.line(10, 1, 1f));

        List<String> lines = Files.readAllLines(log);
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,samples_per_second,seconds", lines.get(0));
        for (int e = 0; e < 3; e++) {
            String[] cells = lines.get(e + 1).split(",", -1);
            EpochMetrics m = history.epochs().get(e);
            assertEquals(7, cells.length);
            assertEquals(e + 1, Integer.parseInt(cells[0]));
            assertEquals(m.trainingLoss(), Double.parseDouble(cells[1]));
            assertEquals(m.trainingAccuracy(), Double.parseDouble(cells[2]));
            assertEquals("", cells[3], "no validation set, no validation loss");
            assertEquals("", cells[4]);
            assertEquals(m.samplesPerSecond(), Double.parseDouble(cells[5]));
            assertEquals(m.seconds(), Double.parseDouble(cells[6]));
        }
    }

    @Test
    void anUnwritableLogIsAnErrorNamingTheFile(@TempDir Path dir) {
        Path log = dir.resolve("missing-directory").resolve("log.csv");
        NnException e = assertThrows(NnException.class,
                () -> new CsvLogger(log).onTrainingStart(new TrainingPlan(1, 1, 1, 1, 0)));
        assertTrue(e.getMessage().startsWith("cannot write the training log " + log.toAbsolutePath()),
                e.getMessage());
    }
}
