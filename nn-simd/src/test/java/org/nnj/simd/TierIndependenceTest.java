package org.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every SIMD kernel gives the same bits whether the JIT has compiled it or not. A kernel runs through the
 * Vector API's Java code (in the interpreter and C1) until C2 compiles it with vector instructions, and when
 * that happens depends on the compiler threads; a kernel whose two forms round differently makes two runs
 * of the same seed differ. It happened twice: JDK 25's C2 adds the lanes of {@code reduceLanes(ADD)} in a
 * tree where the Java code adds them in order, and C2 computes {@code EXP} and {@code TANH} with Intel's
 * SVML where the Java code calls {@code java.lang.Math}.
 *
 * <p>{@link KernelWorkload} runs every kernel, on one thread and on two, in two JVMs: one limited to C1
 * (which has no vector intrinsics, so it runs the Java code) and one that compiles eagerly and hashes only
 * its last of many rounds, by when C2 has compiled the kernels. The two must print the same hashes.
 *
 * <p>A third JVM runs the kernels that have a scalar twin ({@link org.nnj.simd.warmup.JitGate}) through the
 * twin only ({@value SimdSettings#WARM_UP}{@code =scalar}): a new JVM runs the twins until the vector
 * kernels are compiled, and switches on timings, so a twin that rounds differently would make runs differ.
 */
class TierIndependenceTest {
    private static Map<String, String> compiled;

    /** The hashes of the JVM that has compiled every kernel with C2, computed once for both tests. */
    private static synchronized Map<String, String> compiled() throws Exception {
        if (compiled == null) {
            compiled = hashes("-Xbatch", "-XX:CompileThresholdScaling=0.05", "-D" + SimdSettings.WARM_UP + "=off", "60");
        }
        return compiled;
    }

    @Test
    void compiledKernelsGiveTheBitsOfTheirJavaCode() throws Exception {
        Map<String, String> javaCode = hashes("-XX:TieredStopAtLevel=1", "-D" + SimdSettings.WARM_UP + "=off", "1");
        assertSame(javaCode, compiled(), "the Java code and C2's");
    }

    @Test
    void scalarTwinsGiveTheBitsOfTheVectorKernels() throws Exception {
        Map<String, String> twins = hashes("-D" + SimdSettings.WARM_UP + "=scalar", "1");
        assertSame(twins, compiled(), "the scalar twins and the compiled vector kernels");
    }

    private static void assertSame(Map<String, String> these, Map<String, String> those, String what) {
        assertEquals(these.keySet(), those.keySet());
        List<String> differ = new ArrayList<>();
        these.forEach((kernel, hash) -> {
            if (!hash.equals(those.get(kernel))) {
                differ.add(kernel);
            }
        });
        assertTrue(differ.isEmpty(), differ.size() + " of " + these.size() + " kernel outputs differ between "
                + what + ": " + differ);
    }

    /** The workload's {@code threads kernel -> hash} lines from a new JVM with {@code options}, then rounds. */
    private static Map<String, String> hashes(String... optionsThenRounds) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
        command.addAll(List.of(optionsThenRounds).subList(0, optionsThenRounds.length - 1));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelWorkload.class.getName(), "1", "2",
                optionsThenRounds[optionsThenRounds.length - 1]));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the workload JVM did not finish: " + command);
        assertEquals(0, p.exitValue(), "the workload JVM failed: " + command + "\n" + out);
        Map<String, String> hashes = new TreeMap<>();
        out.lines().filter(line -> line.matches("[0-9]+ .* [0-9a-f]+")).forEach(line -> {
            int lastSpace = line.lastIndexOf(' ');
            hashes.put(line.substring(0, lastSpace), line.substring(lastSpace + 1));
        });
        assertTrue(hashes.size() > 100, "too few outputs: " + out);
        return hashes;
    }
}
