package org.nnj.simd;

import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nnj.api.ConfigException;

/**
 * Every {@code nnj.simd.*} system property, read once per JVM, checked, and handed to the code that uses it.
 * The SIMD backend reads no system property anywhere else.
 *
 * <table>
 *   <caption>The system properties of the SIMD backend</caption>
 *   <tr><th>property</th><th>values</th><th>unset</th><th>what it does</th></tr>
 *   <tr><td>{@value #BITS}</td><td>{@code 256}, {@code 512}</td><td>the CPU's widest vectors
 *       ({@code FloatVector.SPECIES_PREFERRED})</td><td>the width of every vector of every kernel; tests and
 *       benchmarks force it to compare the two</td></tr>
 *   <tr><td>{@value #GEMM_NV}</td><td>{@code 2}, {@code 4}</td><td>4 on a CPU whose widest vectors are 512-bit
 *       (AVX-512, 32 vector registers), else 2</td><td>the vectors across the GEMM's register tile (6 rows by 2
 *       or 4 vectors of C); the tests run both tiles on any machine</td></tr>
 *   <tr><td>{@value #SPIN_MICROS}</td><td>a whole number of microseconds, {@code 0} to
 *       {@code 1000000}</td><td>{@code 50}</td><td>how long the worker pool's idle threads, and a caller
 *       waiting for its parts, spin before they park; 0 parks at once</td></tr>
 *   <tr><td>{@value #WARM_UP}</td><td>{@code auto}, {@code off}, {@code scalar}</td><td>{@code auto}</td><td>whether
 *       a new JVM's first calls of the kernels that have a scalar twin go to the twin until the JIT has compiled
 *       the vector kernel ({@code auto}, see {@link org.nnj.simd.warmup.JitGate}), straight to the vector kernel
 *       ({@code off}: tests of the vector code) or always to the twin ({@code scalar}: tests of the twins); the
 *       results are the same bits either way</td></tr>
 *   <tr><td>{@value #SPARSE}</td><td>{@code on}, {@code off}</td><td>{@code on}</td><td>whether products whose
 *       left operand is mostly zeros (the output gradients under a ReLU, a max pooling or a dropout) skip the
 *       zeros: the convolutions' backward passes and a transposed A in the GEMM; {@code off} runs the dense
 *       kernels, to measure one against the other. The results are the same bits either way</td></tr>
 * </table>
 *
 * <p>Why once: the vector species and the register tile are {@code static final} constants, which the JIT
 * folds into every loop, so a property changed later could not take effect anyway; reading it again would
 * only let a check disagree with what the kernels use. Leading and trailing blanks are ignored, and a blank
 * value counts as unset.
 *
 * <p>A bad value fails with a {@link ConfigException} of one line that names the property, the allowed values
 * and the value given, when the backend is created ({@link SimdBackendProvider#create}) and again if a kernel
 * class is loaded anyway. This class touches no Vector API type, so the provider may read it in a JVM without
 * {@code jdk.incubator.vector}.
 */
public final class SimdSettings {
    /** The vector width, in bits: {@code 256} or {@code 512}. */
    public static final String BITS = "nnj.simd.bits";
    /** The vectors across the GEMM register tile: {@code 2} or {@code 4}. */
    public static final String GEMM_NV = "nnj.simd.gemm.nv";
    /** How long idle threads spin before they park, in microseconds: {@code 0} to {@code 1000000}. */
    public static final String SPIN_MICROS = "nnj.simd.spinMicros";
    /** Whether the first calls of a kernel go to its scalar twin: {@code auto}, {@code off} or {@code scalar}. */
    public static final String WARM_UP = "nnj.simd.warmUp";
    /** Whether mostly-zero operands skip their zeros: {@code on} or {@code off}. */
    public static final String SPARSE = "nnj.simd.sparse";

    /** The values of {@value #WARM_UP}. */
    public enum WarmUp {
        /** The scalar twin until the vector kernel is compiled (the default). */
        AUTO,
        /** The vector kernel from the first call. */
        OFF,
        /** The scalar twin always. */
        SCALAR
    }

    private static final long DEFAULT_SPIN_MICROS = 50;
    private static final long MAX_SPIN_MICROS = 1_000_000;

    private final int bits;
    private final int gemmVectorsAcross;
    private final long spinMicros;
    private final WarmUp warmUp;
    private final boolean sparse;

    private SimdSettings(int bits, int gemmVectorsAcross, long spinMicros, WarmUp warmUp, boolean sparse) {
        this.bits = bits;
        this.gemmVectorsAcross = gemmVectorsAcross;
        this.spinMicros = spinMicros;
        this.warmUp = warmUp;
        this.sparse = sparse;
    }

    /** Read on first use: either the settings or the error that reading them gave. */
    private static final class OfThisJvm {
        static final Object VALUE = readSystemProperties();

        private static Object readSystemProperties() {
            try {
                return from(System::getProperty);
            } catch (ConfigException e) {
                return e;
            }
        }
    }

    /**
     * The settings of this JVM, read from the system properties on the first call; later changes to the
     * properties are not seen.
     *
     * @throws ConfigException when a property has a value it does not allow (on every call)
     */
    public static SimdSettings get() {
        Object value = OfThisJvm.VALUE;
        if (value instanceof ConfigException) {
            ConfigException e = (ConfigException) value;
            throw new ConfigException(e.getMessage(), e); // a fresh one, with this caller's stack
        }
        return (SimdSettings) value;
    }

    /**
     * The settings that {@code properties} (a property name to its value, or null when unset) describe; what
     * {@link #get()} does with the system properties.
     *
     * @throws ConfigException naming the first property whose value is not allowed
     */
    public static SimdSettings from(UnaryOperator<String> properties) {
        Objects.requireNonNull(properties, "properties");
        String bits = value(properties, BITS);
        String nv = value(properties, GEMM_NV);
        String spin = value(properties, SPIN_MICROS);
        String warmUp = value(properties, WARM_UP);
        String sparse = value(properties, SPARSE);
        return new SimdSettings(
                bits == null ? 0 : oneOf(BITS, bits, "256 or 512 (bits of a vector)", 256, 512),
                nv == null ? 0 : oneOf(GEMM_NV, nv, "2 or 4 (vectors across the GEMM register tile)", 2, 4),
                spin == null ? DEFAULT_SPIN_MICROS : spinMicros(spin),
                warmUp == null ? WarmUp.AUTO : warmUp(warmUp),
                sparse == null || onOrOff(SPARSE, sparse));
    }

    /** The forced vector width, 256 or 512, or 0 when unset: the CPU's widest vectors. */
    public int bits() {
        return bits;
    }

    /** The forced vectors across the GEMM register tile, 2 or 4, or 0 when unset: chosen from the CPU. */
    public int gemmVectorsAcross() {
        return gemmVectorsAcross;
    }

    /** How long idle threads spin before they park, in microseconds (50 unless set). */
    public long spinMicros() {
        return spinMicros;
    }

    /** Whether the first calls of the kernels with a scalar twin go to the twin ({@code AUTO} unless set). */
    public WarmUp warmUp() {
        return warmUp;
    }

    /** Whether mostly-zero operands skip their zeros (true unless set to {@code off}). */
    public boolean sparse() {
        return sparse;
    }

    @Override
    public String toString() {
        return BITS + "=" + (bits == 0 ? "(preferred)" : bits) + ", " + GEMM_NV + "="
                + (gemmVectorsAcross == 0 ? "(by CPU)" : gemmVectorsAcross) + ", " + SPIN_MICROS + "=" + spinMicros
                + ", " + WARM_UP + "=" + warmUp.name().toLowerCase(Locale.ROOT) + ", " + SPARSE + "="
                + (sparse ? "on" : "off");
    }

    private static String value(UnaryOperator<String> properties, String name) {
        String v = properties.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static int oneOf(String name, String value, String allowed, int first, int second) {
        if (value.equals(Integer.toString(first))) {
            return first;
        }
        if (value.equals(Integer.toString(second))) {
            return second;
        }
        throw bad(name, allowed, value);
    }

    private static WarmUp warmUp(String value) {
        for (WarmUp w : WarmUp.values()) {
            if (w.name().toLowerCase(Locale.ROOT).equals(value)) {
                return w;
            }
        }
        throw bad(WARM_UP, "auto, off or scalar", value);
    }

    private static boolean onOrOff(String name, String value) {
        if (value.equals("on") || value.equals("off")) {
            return value.equals("on");
        }
        throw bad(name, "on or off", value);
    }

    private static long spinMicros(String value) {
        String allowed = "a whole number of microseconds from 0 to " + MAX_SPIN_MICROS;
        long micros;
        try {
            micros = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(SPIN_MICROS, allowed, value);
        }
        if (micros < 0 || micros > MAX_SPIN_MICROS) {
            throw bad(SPIN_MICROS, allowed, value);
        }
        return micros;
    }

    private static ConfigException bad(String name, String allowed, String value) {
        return new ConfigException("system property " + name + " must be " + allowed + ", got \"" + value + "\"");
    }
}
