package org.nnj.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atomic write, and the deletion of the temporary files that killed writes leave behind. */
class AtomicFilesTest {

    private static void write(Path file, String text) throws IOException {
        AtomicFiles.write(file, channel -> channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** A leftover: a file with that name, 100 bytes, last modified a minute ago. */
    private static Path leftover(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, new byte[100]);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(60)));
        return p;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void temporaryFileNamesAreExactlyThoseOfTheTarget() {
        assertEquals(".m.safetensors.00000000000000ff.tmp", AtomicFiles.tempName("m.safetensors", 255));
        assertTrue(AtomicFiles.isTempName(AtomicFiles.tempName("m.safetensors", -1), "m.safetensors"));
        assertTrue(AtomicFiles.isTempName(".m.safetensors.3f.tmp", "m.safetensors"), "older writers' shorter hex");
        assertFalse(AtomicFiles.isTempName(".m.safetensors.tmp", "m.safetensors"));
        assertFalse(AtomicFiles.isTempName(".m.safetensors.3F.tmp", "m.safetensors"), "upper case");
        assertFalse(AtomicFiles.isTempName(".m.safetensors.00000000000000fff.tmp", "m.safetensors"), "17 digits");
        assertFalse(AtomicFiles.isTempName(".m.safetensors.bak.3f.tmp", "m.safetensors"), "another target's");
        assertFalse(AtomicFiles.isTempName(".m.3f.tmp", "m.safetensors"));
        assertFalse(AtomicFiles.isTempName("m.safetensors.3f.tmp", "m.safetensors"), "no leading dot");
        assertFalse(AtomicFiles.isTempName(".m.safetensors.3f.tmp~", "m.safetensors"));
        assertFalse(AtomicFiles.isTempName(".m.safetensors.3f.tmp", "m.safetensor"));
    }

    @Test
    void aSuccessfulWriteDeletesTheTargetsAbandonedTemporaryFilesAndNothingElse(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("run.safetensors");
        Path old1 = leftover(dir, ".run.safetensors.0123456789abcdef.tmp");
        Path old2 = leftover(dir, ".run.safetensors.7.tmp");
        List<String> kept = List.of(
                ".other.safetensors.0123456789abcdef.tmp",     // another target's
                ".run.safetensors.bak.0123456789abcdef.tmp",   // the target run.safetensors.bak's
                ".run.safetensors.0123456789ABCDEF.tmp",       // not our hex
                ".run.safetensors.notes.tmp",
                "run.safetensors.0123456789abcdef.tmp",
                ".run.safetensors.0123456789abcdef.tmp.keep");
        for (String name : kept) {
            leftover(dir, name);
        }
        Files.createDirectory(dir.resolve(".run.safetensors.00000000000000aa.tmp")); // a directory, not a file
        leftover(dir.resolve(".run.safetensors.00000000000000aa.tmp"), "inside");
        Path young = dir.resolve(".run.safetensors.00000000000000bb.tmp"); // written a moment ago
        Files.write(young, new byte[10]);

        write(target, "model");

        assertEquals("model", Files.readString(target));
        assertFalse(Files.exists(old1), "abandoned temporary file kept");
        assertFalse(Files.exists(old2), "abandoned temporary file kept");
        for (String name : kept) {
            assertTrue(Files.exists(dir.resolve(name)), name + " deleted");
        }
        assertTrue(Files.isRegularFile(dir.resolve(".run.safetensors.00000000000000aa.tmp").resolve("inside")));
        assertTrue(Files.exists(young), "a temporary file younger than " + AtomicFiles.ABANDONED_AFTER + " deleted");
        assertEquals(kept.size() + 3, names(dir).size(), names(dir).toString()); // + target, directory, young
    }

    @Test
    void aWriteInProgressInThisJvmIsNotDeletedByAnotherWriteOfTheSameTarget(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("run.safetensors");
        Path[] outerTemp = new Path[1];
        AtomicFiles.write(target, channel -> {
            channel.write(ByteBuffer.wrap("outer".getBytes(StandardCharsets.UTF_8)));
            try (Stream<Path> files = Files.list(dir)) {
                outerTemp[0] = files.filter(p -> AtomicFiles.isTempName(p.getFileName().toString(), "run.safetensors"))
                        .findFirst().orElseThrow();
            }
            // Old enough to count as abandoned by its age: only knowing it is being written keeps it.
            Files.setLastModifiedTime(outerTemp[0], FileTime.from(Instant.now().minusSeconds(60)));
            write(target, "inner");
            assertTrue(Files.exists(outerTemp[0]), "the inner write deleted the outer write's temporary file");
        });
        assertEquals("outer", Files.readString(target));
        assertEquals(List.of("run.safetensors"), names(dir));
    }

    @Test
    void aTemporaryFileLockedByAnotherProcessIsKeptUntilThatProcessDies(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("run.safetensors");
        Path busy = dir.resolve(".run.safetensors.00000000cafe0001.tmp");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TempLockHolder.class.getName(), busy.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked true", out.readLine());
            Files.setLastModifiedTime(busy, FileTime.from(Instant.now().minusSeconds(60)));

            write(target, "first");
            assertTrue(Files.exists(busy), "deleted the temporary file another process holds");

            holder.destroyForcibly(); // SIGKILL: the lock dies with the process, the file stays
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
            assertTrue(Files.exists(busy));

            write(target, "second");
            assertFalse(Files.exists(busy), "the killed process's temporary file was kept");
            assertEquals("second", Files.readString(target));
            assertEquals(List.of("run.safetensors"), names(dir));
        } finally {
            holder.destroyForcibly();
        }
    }
}
