package org.nnj.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a part: the
 * bytes go to a temporary file in the same directory, are forced to the disk, and the temporary file is
 * then renamed over the target. When anything fails the temporary file is deleted and the target is as
 * it was.
 *
 * <p><b>Leftovers of killed writes.</b> A process killed while writing (SIGKILL, power loss) leaves its
 * temporary file {@code .NAME.HEX.tmp} behind, as large as the model. After each successful write of
 * {@code NAME}, the temporary files of that same target in its directory are deleted when they are
 * provably abandoned; nothing else is ever touched. A file is deleted only when all of these hold:
 * <ul>
 * <li>its name is exactly {@code "." + NAME + "." + (1 to 16 lowercase hex digits) + ".tmp"}, and it is a
 * regular file (not a link, not a directory);</li>
 * <li>no write in this JVM is using it (they are remembered in a set, so that it is never opened: on
 * POSIX, closing any channel of a file drops the process's locks on it);</li>
 * <li>it was last modified more than {@link #ABANDONED_AFTER} ago (which covers the instant between
 * another process creating it and locking it);</li>
 * <li>we get its exclusive lock: every writer holds the lock of its temporary file from creation until
 * after the rename, and the operating system drops a process's locks when it dies, so a lock we can take
 * belongs to nobody. Where locks are not supported, nothing is deleted.</li>
 * </ul>
 * Cleaning is best effort: a leftover that cannot be deleted is left for the next write, and it never
 * makes the write fail.
 *
 * <p>Public for the other modules that write model files (nn-onnx); the rest of this class is internal.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A temporary file younger than this is never deleted, even unlocked. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(2);

    /** The temporary files this JVM is writing now (absolute paths). */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {
    }

    /** What writes the contents, given a channel positioned at the start of an empty file. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Writes {@code file} atomically: {@code contents} writes into a temporary file beside it, which then
     * replaces {@code file}; on any failure the temporary file is deleted and {@code file} is as it was.
     */
    public static void write(Path file, Contents contents) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its files are private (0600), and the rename would keep that. Created
        // here with the defaults, the file gets the permissions the user's umask gives any new file.
        Path tmp = dir.resolve(tempName(target.getFileName().toString(), RANDOM.nextLong()));
        WRITING.add(tmp);
        try {
            FileChannel created = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            // From here on the temporary file is ours to delete.
            try {
                try (FileChannel channel = created) {
                    lockQuietly(channel); // held until after the rename: the file is not abandoned
                    contents.writeTo(channel);
                    channel.force(true);
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        // A file system without atomic rename (rare for a temp file beside its target): the
                        // replace is then not atomic, but the old file still survives a failed write above.
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } finally {
            WRITING.remove(tmp);
        }
        deleteAbandonedTemps(target);
    }

    /** {@code .NAME.HEX.tmp}, with 16 hex digits (older versions wrote 1 to 16). */
    static String tempName(String targetName, long random) {
        return "." + targetName + "." + String.format("%016x", random) + ".tmp";
    }

    /** Whether {@code name} is a temporary file name of the target {@code targetName}, exactly. */
    static boolean isTempName(String name, String targetName) {
        String prefix = "." + targetName + ".";
        String suffix = ".tmp";
        if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
            return false;
        }
        int from = prefix.length();
        int to = name.length() - suffix.length();
        if (to - from < 1 || to - from > 16) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void lockQuietly(FileChannel channel) {
        try {
            channel.lock();
        } catch (IOException | UnsupportedOperationException e) {
            // No locks here (some network file systems): the write goes on; cleaners then delete nothing.
        }
    }

    /**
     * Deletes the abandoned temporary files of {@code target} (see the class comment) and returns them.
     * Never throws.
     */
    static List<Path> deleteAbandonedTemps(Path target) {
        List<Path> deleted = new ArrayList<>();
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                p -> isTempName(p.getFileName().toString(), name))) {
            files.forEach(candidates::add);
        } catch (IOException | RuntimeException e) {
            return deleted;
        }
        Instant abandoned = Instant.now().minus(ABANDONED_AFTER);
        for (Path tmp : candidates) {
            try {
                if (WRITING.contains(tmp)) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(tmp, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isRegularFile() || !attributes.lastModifiedTime().toInstant().isBefore(abandoned)) {
                    continue;
                }
                boolean unlocked;
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                     FileLock lock = channel.tryLock()) {
                    unlocked = lock != null;
                } catch (OverlappingFileLockException e) {
                    unlocked = false; // held in this JVM after all
                }
                if (unlocked && Files.deleteIfExists(tmp)) {
                    deleted.add(tmp);
                }
            } catch (IOException | RuntimeException e) {
                // Gone already, no permission, no locks on this file system: leave it.
            }
        }
        return deleted;
    }
}
