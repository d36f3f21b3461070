package org.nnj.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The process's age from Linux's clocks since boot, which a whole-second boot time cannot skew. */
class ProcessAgeTest {
    @TempDir
    Path dir;

    @Test
    void theStartTicksAreTakenAfterACommandNameWithSpacesAndParentheses() throws IOException {
        // Fields 3 to 21 are filler; field 22, the start, is 12345 ticks after boot: 123.45 s.
        StringBuilder stat = new StringBuilder("4242 (my (odd) cmd) S");
        for (int field = 4; field <= 21; field++) {
            stat.append(' ').append(field);
        }
        stat.append(" 12345 99 98\n");
        Path statFile = Files.writeString(dir.resolve("stat"), stat);
        Path uptime = Files.writeString(dir.resolve("uptime"), "200.50 390.12\n");

        assertEquals(200.50 - 123.45, ProcessAge.fromProc(statFile, uptime).orElseThrow(), 1e-9);
    }

    @Test
    void missingOrMalformedFilesGiveNoAge() throws IOException {
        Path uptime = Files.writeString(dir.resolve("uptime"), "200.50 390.12\n");
        assertEquals(OptionalDouble.empty(), ProcessAge.fromProc(dir.resolve("absent"), uptime));
        Path shortStat = Files.writeString(dir.resolve("stat"), "1 (x) S 2 3\n");
        assertEquals(OptionalDouble.empty(), ProcessAge.fromProc(shortStat, uptime));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxTheAgeIsPositiveAndNoLongerThanTheOneFromTheBootTimeInWholeSeconds() {
        double fromHandle = Duration.between(ProcessHandle.current().info().startInstant().orElseThrow(),
                Instant.now()).toNanos() / 1e9;
        double age = ProcessAge.seconds().orElseThrow();
        assertTrue(age > 0, "age " + age);
        // ProcessHandle's start adds a boot time cut to whole seconds: never later than the true start. The
        // two clocks tick in 1/100 s, hence the slack.
        assertTrue(age <= fromHandle + 0.03, "age " + age + " s, from ProcessHandle " + fromHandle + " s");
    }
}
