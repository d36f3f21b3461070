package org.nnj.simd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nnj.simd.species.Species;

/**
 * The same bits in every JIT tier, in the spirit of {@code LanesTest}: {@link TierProbe}'s results computed by a
 * JVM that only interprets ({@code -Xint}: the Vector API's Java fallbacks, lane by lane) must equal, bit for bit,
 * those of a JVM that computes them again and again while C1 and then C2 compile the kernels with vector
 * instructions (and would take {@code lanewise(EXP)} and the like from SVML). That JVM compiles only this
 * project's methods (the Vector API's are inlined into them), 20 times sooner than by default and without
 * running on while it compiles ({@code -Xbatch}), so C2 has compiled every kernel within a few dozen rounds at
 * the same point on every run; it compares every round with its first, interpreted one. Both JVMs are new, so what other tests compiled does not
 * matter. With the Vector API's own {@code EXP} in {@link FloatLaneMath#exp} this fails, on JDK 17 and 25 alike.
 */
class LaneMathAcrossTiersTest {
    /** Enough for C2 to have compiled every kernel of the probe (about 60 at 512 bits, fewer at 256). */
    private static final int ROUNDS = 80;

    @Test
    void compiledCodeGivesTheInterpretersBits() throws Exception {
        Process interpreted = start(List.of("-Xint"));
        Process compiled = start(List.of("-Xbatch", "-XX:CompileThresholdScaling=0.05", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=compileonly,org.nnj.*::*"), String.valueOf(ROUNDS));
        List<String> expected = output(interpreted);
        List<String> actual = output(compiled);
        assertEquals(expected.size(), TierProbe.compute().size(), String.join("\n", expected));
        for (String line : actual) {
            assertFalse(line.startsWith("differs: "), line);
        }
        for (int i = 0; i < expected.size(); i++) {
            String name = expected.get(i).substring(0, expected.get(i).indexOf(':'));
            assertTrue(expected.get(i).equals(actual.get(i)), name + ": the interpreter's first bits differ");
        }
    }

    /** {@link TierProbe} in a new JVM with {@code jvmOptions}, at this JVM's vector width. */
    private static Process start(List<String> jvmOptions, String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("--add-modules", "jdk.incubator.vector",
                "-D" + Species.BITS_PROPERTY + "=" + Species.FLOAT.vectorBitSize(),
                "-cp", System.getProperty("java.class.path"), TierProbe.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The probe's lines, without the JVM's notice that an incubator module is in use. */
    private static List<String> output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.startsWith("WARNING")) {
                lines.add(line);
            }
        }
        return lines;
    }
}
