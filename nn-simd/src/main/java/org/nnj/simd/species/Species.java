package org.nnj.simd.species;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.SimdSettings;

/**
 * The one float vector shape every kernel of this backend uses, chosen once when the class loads:
 * {@link FloatVector#SPECIES_PREFERRED} (the widest the CPU runs natively), or 256 or 512 bits when the
 * system property {@value #BITS_PROPERTY} says so ({@link SimdSettings#bits()}), which tests and benchmarks use
 * to compare the two.
 *
 * <p>It is a {@code static final}, so the JIT folds the lane count into every loop as a constant.
 */
public final class Species {
    /** The system property that forces the vector width: {@code 256} or {@code 512} (bits). */
    public static final String BITS_PROPERTY = SimdSettings.BITS;

    /** The float species of every kernel. */
    public static final VectorSpecies<Float> FLOAT = choose(SimdSettings.get().bits());

    /** Floats per vector: 16 for 512 bits, 8 for 256. */
    public static final int LANES = FLOAT.length();

    private Species() {
    }

    private static VectorSpecies<Float> choose(int bits) {
        switch (bits) {
            case 256:
                return FloatVector.SPECIES_256;
            case 512:
                return FloatVector.SPECIES_512;
            default: // 0: not forced (SimdSettings allows nothing else)
                return FloatVector.SPECIES_PREFERRED;
        }
    }
}
