package org.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.io.Safetensors;

/**
 * {@code ./nn train --checkpoint CK} killed with SIGKILL again and again, in a real {@code java} process on
 * the module path: while it writes a checkpoint (caught by watching for the write's temporary file
 * {@code .CK.HEX.tmp} and killing at once), and between writes. After every kill the last checkpoint
 * must load and be no older than the one before; the temporary files the killed writes leave must be gone
 * after the next successful writes; and resuming to the end must give, bit for bit, the checkpoint of a
 * run that was never stopped.
 */
class CrashResumeTest {

    /** The same options for every run (resume included): a small, quick run on one thread. */
    private static final List<String> OPTIONS = List.of("--model", "mlp", "--limit", "600", "--epochs", "10",
            "--batch", "32", "--seed", "7", "--threads", "1");
    private static final int EPOCHS = 10;
    /** At least this long after the kill, a leftover temporary file counts as abandoned (AtomicFiles). */
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(2);

    private static Process start(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC", // as ./nn runs it
                "--module-path", ModulePathTest.modulePath(), "-m", "org.nnj.examples/org.nnj.examples.Main", "train"));
        command.addAll(args);
        command.addAll(OPTIONS);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void runToTheEnd(Path log, List<String> args) throws Exception {
        Process p = start(log, args);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + args);
        assertEquals(0, p.exitValue(), Files.readString(log));
    }

    /** The names of the checkpoint's temporary files in its directory. */
    private static Set<String> temps(Path checkpoint) {
        String prefix = "." + checkpoint.getFileName() + ".";
        String[] names = checkpoint.getParent().toFile().list((d, n) -> n.startsWith(prefix) && n.endsWith(".tmp"));
        return names == null ? Set.of() : Set.of(names);
    }

    /** The first temporary file of the checkpoint that is not in {@code old}, or null. */
    private static String newTemp(Path checkpoint, Set<String> old) {
        for (String t : temps(checkpoint)) {
            if (!old.contains(t)) {
                return t;
            }
        }
        return null;
    }

    private enum Moment { WHILE_WRITING, BETWEEN_WRITES }

    /**
     * Starts a run (resuming the checkpoint if there is one), lets one checkpoint write complete (so that
     * every run makes progress), then kills it at {@code moment}. Returns the temporary file being written
     * at the kill, or null; or "finished" when the run ended first.
     */
    private static String runAndKill(Path checkpoint, Path log, Moment moment) throws Exception {
        Set<String> before = new HashSet<>(temps(checkpoint));
        Process p = start(log, Files.exists(checkpoint) ? List.of("--resume", checkpoint.toString())
                : List.of("--checkpoint", checkpoint.toString()));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String first = null;
            boolean firstDone = false;
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    assertEquals(0, p.exitValue(), Files.readString(log));
                    return "finished";
                }
                if (first == null) {
                    first = newTemp(checkpoint, before);
                } else if (!firstDone) {
                    firstDone = !temps(checkpoint).contains(first); // renamed over the checkpoint
                    if (firstDone && moment == Moment.BETWEEN_WRITES) {
                        p.destroyForcibly();
                        return null;
                    }
                } else {
                    Set<String> known = new HashSet<>(before);
                    known.add(first);
                    String writing = newTemp(checkpoint, known);
                    if (writing != null) {
                        p.destroyForcibly(); // SIGKILL, in the middle of the write if we are quick enough
                        return writing;
                    }
                }
                LockSupport.parkNanos(200_000); // a write takes milliseconds (2.8 MB, forced to disk)
            }
            fail("no checkpoint write seen in 60 s:\n" + Files.readString(log));
            return null;
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private static void assertSameTensors(Path expected, Path actual) throws IOException {
        Safetensors.Contents e = Safetensors.read(expected);
        Safetensors.Contents a = Safetensors.read(actual);
        assertEquals(e.tensors().keySet(), a.tensors().keySet());
        for (Map.Entry<String, Tensor> t : e.tensors().entrySet()) {
            assertArrayEquals(bits(t.getValue()), bits(a.tensors().get(t.getKey())), "tensor " + t.getKey());
        }
        assertEquals(withoutTimes(e.metadata()), withoutTimes(a.metadata()), "metadata (progress, optimizer, run settings)");
    }

    /** The metadata without the epochs' durations and speeds, which differ from run to run. */
    private static Map<String, String> withoutTimes(Map<String, String> metadata) {
        Map<String, String> m = new java.util.TreeMap<>(metadata);
        m.computeIfPresent(ModelFile.TRAINING_KEY, (k, v) -> {
            String stripped = v.replaceAll("\"(samples_per_second|seconds)\":[-+0-9.Ee]+", "");
            assertTrue(stripped.length() < v.length(), v);
            return stripped;
        });
        return m;
    }

    private static int[] bits(Tensor t) {
        float[] data = t.data();
        int[] bits = new int[t.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.floatToRawIntBits(data[t.offset() + i]);
        }
        return bits;
    }

    @Test
    void aRunKilledWhileWritingCheckpointsResumesToTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir)
            throws Exception {
        Path reference = dir.resolve("reference").resolve("run.safetensors");
        Files.createDirectories(reference.getParent());
        runToTheEnd(dir.resolve("reference.log"), List.of("--checkpoint", reference.toString()));

        Path checkpoint = dir.resolve("crashed").resolve("run.safetensors");
        Files.createDirectories(checkpoint.getParent());
        List<Moment> moments = List.of(Moment.WHILE_WRITING, Moment.BETWEEN_WRITES, Moment.WHILE_WRITING,
                Moment.WHILE_WRITING);
        int epoch = 0;
        int kills = 0;
        int midWrite = 0;
        Set<String> caughtTemps = new HashSet<>();
        List<String> story = new ArrayList<>();
        for (int i = 0; i < moments.size(); i++) {
            Path log = dir.resolve("crashed-" + i + ".log");
            long started = System.nanoTime();
            String writing = runAndKill(checkpoint, log, moments.get(i));
            long millis = (System.nanoTime() - started) / 1_000_000;
            if ("finished".equals(writing)) {
                story.add("run " + i + " finished before its kill");
                break;
            }
            kills++;
            boolean caught = writing != null && temps(checkpoint).contains(writing);
            if (caught) {
                midWrite++; // the kill landed before the rename: the write's temporary file is left
                caughtTemps.add(writing);
            }
            Checkpoint saved = ModelFile.read(checkpoint); // loads: every size, offset and shape checked
            int now = saved.progress().orElseThrow().epoch();
            story.add("kill " + kills + " (" + moments.get(i) + (caught ? ", mid-write" : "") + ", after " + millis + " ms): epoch " + now
                    + ", temporary files " + temps(checkpoint));
            assertTrue(now > epoch && now < EPOCHS, story.toString()); // each run completed a write of its own
            // Only killed writes leave temporary files (a later run may have deleted some already).
            assertTrue(caughtTemps.containsAll(temps(checkpoint)), story.toString());
            epoch = now;
        }
        Set<String> leftovers = temps(checkpoint);
        assertTrue(kills == moments.size() && midWrite >= 1, "kills " + kills + ", mid-write " + midWrite + ": " + story);

        // Old enough to count as abandoned by the time of the resumed run's first write.
        for (String t : leftovers) {
            FileTime modified = Files.getLastModifiedTime(checkpoint.resolveSibling(t));
            long wait = Duration.between(Instant.now(), modified.toInstant().plus(ABANDONED_AFTER)).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        Path last = dir.resolve("resumed.log");
        runToTheEnd(last, List.of("--resume", checkpoint.toString()));
        String out = Files.readString(last, StandardCharsets.UTF_8);
        assertTrue(out.contains("resuming " + checkpoint + ": " + epoch + " of " + EPOCHS + " epochs done"), out);

        assertEquals(Set.of(), temps(checkpoint), "leftover temporary files after successful writes; " + story);
        assertEquals(List.of("run.safetensors"), Arrays.asList(checkpoint.getParent().toFile().list()));
        assertEquals(EPOCHS, ModelFile.read(checkpoint).progress().orElseThrow().epoch());
        assertSameTensors(reference, checkpoint);
        assertEquals(Set.of(), temps(reference));
        System.out.println("CrashResumeTest: " + story);
    }
}
