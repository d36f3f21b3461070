package org.nnj.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.examples.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.train.ConfusionMatrix;
import org.nnj.examples.CliRun;

/** The confusion matrix of {@code ./nn train --report}: in the JSON, as a picture beside it, and as text. */
class TrainReportConfusionTest {


    @Test
    void theReportHoldsTheTestSetsMatrixAndItsPictureLiesBeside(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("run.json");
        CliRun r = run("train", "--epochs", "1", "--limit", "300", "--validation", "0", "--threads", "1",
                "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());

        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        // From the process's start to the end of the first step: a number, and positive (not its size:
        // that depends on the machine and on what ran in this JVM before).
        JsonNode startup = json.get("startup_seconds");
        assertTrue(startup != null && startup.isNumber() && startup.asDouble() > 0, String.valueOf(startup));
        JsonNode matrix = json.get("confusion_matrix");
        assertEquals(FashionMnist.CLASS_NAMES, new ObjectMapper().convertValue(matrix.get("classes"), List.class));
        JsonNode counts = matrix.get("counts");
        assertEquals(10, counts.size());
        long total = 0;
        long diagonal = 0;
        for (int t = 0; t < 10; t++) {
            assertEquals(10, counts.get(t).size());
            long row = 0;
            for (int p = 0; p < 10; p++) {
                row += counts.get(t).get(p).asLong();
            }
            total += row;
            diagonal += counts.get(t).get(t).asLong();
            JsonNode recall = matrix.get("recall").get(t);
            if (row == 0) {
                assertTrue(recall.isNull(), recall.toString());
            } else {
                assertEquals((double) counts.get(t).get(t).asLong() / row, recall.asDouble(), 1e-12);
            }
        }
        assertEquals(json.get("test_images").asLong(), total);
        assertEquals(300, total);
        assertEquals(json.get("test_accuracy").asDouble(), (double) diagonal / total, 1e-12);

        Path picture = dir.resolve("run-confusion.png");
        BufferedImage image = ImageIO.read(picture.toFile());
        assertTrue(image.getWidth() >= 600 && image.getWidth() <= 1200, "width " + image.getWidth());
        assertTrue(image.getHeight() >= 600 && image.getHeight() <= 1200, "height " + image.getHeight());
        assertTrue(r.out().contains("report written to " + report + ", confusion matrix picture to " + picture),
                r.out());
        assertTrue(r.out().contains("\ntrue \\ predicted "), r.out());
        assertTrue(r.out().contains("\n9 Ankle boot "), r.out());
    }

    @Test
    void aPictureThatWouldOverwriteAnotherOutputIsRefusedBeforeTraining(@TempDir Path dir) {
        Path report = dir.resolve("m.json");
        Path save = dir.resolve("m-confusion.png");
        CliRun r = run("train", "--epochs", "1", "--limit", "50", "--report", report.toString(), "--save",
                save.toString());
        assertEquals(2, r.exitCode());
        assertEquals("nn: train --report (its confusion matrix picture): is the same file as --save (" + save
                + ") (see ./nn train --help)\n", r.err());
        assertFalse(Files.exists(report) || Files.exists(save));
        assertEquals("", r.out());
    }

    @Test
    void thePictureIsNamedAfterTheReport() {
        assertEquals(Path.of("out", "run-confusion.png"), TrainingReport.confusionImage(Path.of("out", "run.json")));
        assertEquals(Path.of("report-confusion.png"), TrainingReport.confusionImage(Path.of("report")));
        assertEquals(Path.of(".hidden-confusion.png"), TrainingReport.confusionImage(Path.of(".hidden")));
    }

    @Test
    void theTextTableHasOneRowPerTrueClassWithItsRecall() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        int[][] pairs = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 2}, {2, 2}, {2, 2}};
        for (int[] p : pairs) {
            m.add(p[0], p[1]);
        }
        assertEquals("true \\ predicted 0 1 2  recall\n"
                + "0 cat            2 1 0   0.667\n"
                + "1 dog            0 1 0   1.000\n"
                + "2 bird           1 0 3   0.750\n", ConfusionTable.of(m, List.of("cat", "dog", "bird")));
    }
}
