package org.nnj.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a part: the
 * bytes go to a temporary file in the same directory, are forced to the disk, and the temporary file is
 * then renamed over the target. When anything fails the temporary file is deleted and the target is as
 * it was.
 */
final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** What writes the contents, given a channel positioned at the start of an empty file. */
    @FunctionalInterface
    interface Contents {
        void writeTo(FileChannel channel) throws IOException;
    }

    static void write(Path file, Contents contents) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its files are private (0600), and the rename would keep that. Created
        // here with the defaults, the file gets the permissions the user's umask gives any new file.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        FileChannel created = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        // From here on the temporary file is ours to delete.
        try {
            try (FileChannel channel = created) {
                contents.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // A file system without atomic rename (rare for a temp file beside its target): the
                // replace is then not atomic, but the old file still survives a failed write above.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
