package org.nnj.simd.species;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Sums of a vector's lanes in one fixed order: from {@code +0}, lane 0 first, then 1, 2, ... to the last, as
 * {@code for (x : lanes) s += x}.
 *
 * <p>{@code reduceLanes(VectorOperators.ADD)} leaves the order to the implementation, and implementations
 * differ: the interpreter and C1 add the lanes in this order, JDK 17's C2 too, but JDK 25's C2 adds them in a
 * tree (2,749 of 4,096 random sums differed in the last bits in a probe). A kernel's first calls run
 * interpreted and the rest compiled, and when the compiled code takes over depends on the JIT's threads, so
 * with {@code reduceLanes} two runs of the same training could end with different weights. Every lane sum
 * of this backend goes through here instead: the same bits in every tier and on every JDK, and on JDK 17 the
 * bits {@code reduceLanes} gave before.
 */
public final class Lanes {
    private Lanes() {
    }

    /** {@code v}'s lanes added in lane order, starting from {@code +0f}. */
    public static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    /** {@code v}'s lanes added in lane order, starting from {@code +0.0}. */
    public static double sum(DoubleVector v) {
        double s = 0.0;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }
}
