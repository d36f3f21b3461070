package org.nnj.examples.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows one run's metrics file as it grows: each call hands out the whole lines written since the last one.
 * A line without its newline yet (the writer is in the middle of it) waits for the next call; a file that
 * became shorter (the run was started again under the same name) is read again from the start. The file is
 * looked up by name in the runs directory at each call ({@link RunsDirectory#find}), so a page can follow a run
 * that has not started yet, and never a file that is not a listed run.
 */
final class Tail {
    final String name;
    private final RunsDirectory runs;
    private long offset;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    Tail(RunsDirectory runs, String name) {
        this.runs = runs;
        this.name = name;
    }

    /** The lines completed since the last call, without their line ends. */
    List<String> newLines() throws IOException {
        List<String> lines = new ArrayList<>();
        Optional<Path> file = runs.find(name);
        if (file.isEmpty()) {
            offset = 0; // not (or no longer) there: nothing to send, and a new file starts afresh
            partial.reset();
            return lines;
        }
        try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                offset = 0;
                partial.reset();
            }
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            channel.position(offset);
            int read;
            while ((read = channel.read(buffer)) > 0) {
                offset += read;
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        String line = partial.toString(StandardCharsets.UTF_8);
                        lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                        partial.reset();
                    } else {
                        partial.write(b);
                    }
                }
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            offset = 0; // deleted: nothing to send, and a new file starts afresh
            partial.reset();
        }
        return lines;
    }
}
