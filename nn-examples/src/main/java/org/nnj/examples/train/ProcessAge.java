package org.nnj.examples.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * How long ago this process started, for {@code startup_seconds}.
 *
 * <p>On Linux it is read from the kernel's own two clocks since boot: the process's start in
 * {@code /proc/self/stat} (field 22, in clock ticks of 1/100 s) and the time since boot in {@code /proc/uptime}.
 * {@link ProcessHandle.Info#startInstant()} adds the boot time to the start instead, and Linux gives the boot
 * time ({@code btime} in {@code /proc/stat}) in whole seconds: its ages are too long by the boot time's lost
 * fraction, a constant up to a second that is different after every boot (0.14 s on the machine where this was
 * found, against a true 0.04 s for a program that does nothing). It stays the answer where there is no
 * {@code /proc}.
 */
final class ProcessAge {
    /** Linux's USER_HZ, the unit of the start in {@code /proc/self/stat}: 100 on every architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100;
    /** The start time's field in {@code /proc/[pid]/stat}, counted from the first field after the command's ")". */
    private static final int START_TIME_FIELD = 22 - 3;

    private ProcessAge() {
    }

    /** Seconds since this process started; empty when the system does not say. */
    static OptionalDouble seconds() {
        OptionalDouble fromProc = fromProc(Path.of("/proc/self/stat"), Path.of("/proc/uptime"));
        if (fromProc.isPresent()) {
            return fromProc;
        }
        return ProcessHandle.current().info().startInstant()
                .map(start -> OptionalDouble.of(Duration.between(start, Instant.now()).toNanos() / 1e9))
                .orElse(OptionalDouble.empty());
    }

    /** The age from a {@code stat} and an {@code uptime} file; empty when either is missing or unreadable. */
    static OptionalDouble fromProc(Path stat, Path uptime) {
        try {
            String line = Files.readString(stat, StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces and ")": the fields after it
            // start after the last ") ".
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            long startTicks = Long.parseLong(fields[START_TIME_FIELD]);
            double sinceBoot = Double.parseDouble(Files.readString(uptime, StandardCharsets.US_ASCII).trim().split(" ")[0]);
            double age = sinceBoot - startTicks / TICKS_PER_SECOND;
            return age >= 0 ? OptionalDouble.of(age) : OptionalDouble.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty(); // not Linux, or a /proc of another shape: the portable answer instead
        }
    }
}
