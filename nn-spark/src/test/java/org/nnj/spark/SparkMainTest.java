package org.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ./nn spark's command line: usage errors and bad options are one line, before any Spark context starts. */
class SparkMainTest {

    private static String[] run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedCode, code, err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() {
        String[] err = run(2, "train", "--data");
        assertEquals("nn spark: option --data needs a value", err[0]);
        assertTrue(err[1].startsWith("usage: ./nn spark train"), err[1]);
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        for (String[] args : new String[][] {{"--help"}, {"train", "--help"}, {"-h"}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(0, code, String.join(" ", args));
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: ./nn spark train"), String.join(" ", args));
        }
    }

    @Test
    void anUnknownCommandShowsTheUsage() {
        assertTrue(run(2, "fly")[0].startsWith("usage: ./nn spark train"));
    }

    @Test
    void anUnknownOptionIsOneLine() {
        String[] err = run(1, "train", "--data", "x.parquet", "--bogus", "1");
        assertEquals(1, err.length);
        assertEquals("nn spark: unknown option --bogus", err[0]);
    }

    @Test
    void aMissingDataOptionIsOneLine() {
        String[] err = run(1, "train", "--epochs", "2");
        assertEquals(1, err.length);
        assertEquals("nn spark: option --data is required", err[0]);
    }

    @Test
    void anUnknownSyncModeIsOneLineBeforeSparkStarts() {
        String[] err = run(1, "train", "--data", "x.parquet", "--sync", "sometimes");
        assertEquals(1, err.length);
        assertTrue(err[0].startsWith("nn spark: "), err[0]);
        assertTrue(err[0].contains("sometimes"), err[0]);
    }
}
