package org.nnj.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.examples.CliRun;

/** The dashboard's options on the command line: each mistake is one {@code nn:} line, before any training. */
class DashboardOptionsTest {

    @Test
    void badOptionsAreOneLineNamingTheOption(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        try (ServerSocket taken = new ServerSocket(0)) {
            List<List<String>> cases = List.of(
                    List.of("--run-name", "train", "--runs", dir.toString(), "--run-name", "../escape"),
                    List.of("--ui", "train", "--ui", "70000"),
                    List.of("--ui-host", "train", "--ui-host", "0.0.0.0"),
                    List.of("--run-name", "train", "--run-name", "x"),
                    List.of("--runs", "train", "--runs", file.toString()),
                    List.of("--ui", "train", "--ui", Integer.toString(taken.getLocalPort()), "--runs", dir.toString(),
                            "--limit", "10", "--epochs", "1"),
                    List.of("DIR", "dashboard", dir.resolve("missing").toString()),
                    List.of("--port", "dashboard", dir.toString(), "--port", "-1"));
            for (List<String> c : cases) {
                CliRun r = CliRun.run(c.subList(1, c.size()).toArray(String[]::new));
                String[] lines = r.err().strip().split("\n");
                assertTrue(r.exitCode() == 2 || r.exitCode() == 1, c + ": exit " + r.exitCode() + "\n" + r.err());
                assertEquals(1, lines.length, c + ": one line\n" + r.err());
                assertTrue(lines[0].startsWith("nn: ") && lines[0].contains(c.get(0)), c + ": " + lines[0]);
                assertFalse(r.out().contains("Epoch"), c + ": trained anyway");
            }
        }
        assertFalse(Files.exists(dir.resolve("escape.jsonl")) || Files.exists(dir.getParent().resolve("escape.jsonl")));
    }

    @Test
    void runsRecordsARunWithoutServingIt(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.run("train", "--runs", dir.toString(), "--run-name", "quiet", "--limit", "200",
                "--epochs", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("dashboard:"), r.out());
        List<String> lines = Files.readAllLines(dir.resolve("quiet.jsonl"));
        assertTrue(lines.get(0).startsWith("{\"type\":\"start\",\"epochs\":2,"), lines.get(0));
        assertEquals(2, lines.stream().filter(l -> l.startsWith("{\"type\":\"epoch\"")).count());
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"type\":\"end\",\"epochs\":2,"));
    }
}
