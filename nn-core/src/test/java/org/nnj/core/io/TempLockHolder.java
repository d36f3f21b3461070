package org.nnj.core.io;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run as a child process by {@link AtomicFilesTest}: creates the file given (a writer's temporary file),
 * locks it as {@link AtomicFiles} does while writing, says {@code locked}, and holds the lock until its
 * standard input closes or it is killed.
 */
public final class TempLockHolder {
    private TempLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE,
                StandardOpenOption.CREATE_NEW);
             var lock = channel.lock()) {
            System.out.println("locked " + lock.isValid());
            System.out.flush();
            while (System.in.read() != -1) {
                // wait
            }
        }
    }
}
