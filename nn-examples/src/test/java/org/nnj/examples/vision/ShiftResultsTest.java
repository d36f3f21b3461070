package org.nnj.examples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShiftResultsTest {
    private static final int[] LABELS = {0, 1, 2, 3};

    /** Model 0 ("mlp") right on all four images unshifted, then wrong on image 2 from shift 2 (left) or 1 (down). */
    private static ShiftResults results() {
        ShiftResults r = new ShiftResults(List.of("mlp", "cnn"), LABELS, 2);
        for (Shift d : Shift.values()) {
            for (int s = 0; s <= 2; s++) {
                int[] mlp = LABELS.clone();
                int[] cnn = LABELS.clone();
                if (d == Shift.LEFT && s == 2) {
                    mlp[2] = 9;
                }
                if (d == Shift.DOWN && s >= 1) {
                    mlp[2] = 9;
                    mlp[3] = 9;
                    cnn[3] = 9; // the cnn fails on image 3 too: not an example
                }
                r.put(0, d, s, mlp);
                r.put(1, d, s, cnn);
            }
        }
        return r;
    }

    @Test
    void accuraciesPerDirectionAndTheirMean() {
        ShiftResults r = results();
        assertEquals(1.0, r.accuracy(0, Shift.UP, 2));
        assertEquals(0.75, r.accuracy(0, Shift.LEFT, 2));
        assertEquals(0.5, r.accuracy(0, Shift.DOWN, 2));
        assertEquals((1 + 1 + 0.75 + 0.5) / 4, r.meanAccuracy(0, 2), 1e-12);
        assertEquals((1 + 1 + 1 + 0.75) / 4, r.meanAccuracy(1, 2), 1e-12);
    }

    @Test
    void theExampleIsTheImageWhoseFragilePredictionChangesSoonestWhileTheStableOneStaysRight() {
        ShiftResults.Example e = results().findExample(0, 1);
        assertEquals(2, e.image());
        assertEquals(Shift.DOWN, e.direction());
        assertEquals(1, e.firstChange());
        assertNull(results().findExample(1, 0), "the cnn never changes its mind where the mlp stays right");
    }

    @Test
    void theTableAndTheCsvHoldEveryShift(@TempDir Path dir) throws Exception {
        StringWriter text = new StringWriter();
        results().printTable(new PrintWriter(text, true));
        assertTrue(text.toString().contains("    2 px    0.8125    0.9375"), text.toString());
        Path csv = dir.resolve("a.csv");
        results().writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("shift,direction,mlp,cnn", lines.get(0));
        assertEquals(1 + 3 * 4, lines.size());
        assertTrue(lines.contains("2,down,0.5000,0.7500"), lines.toString());
    }
}
