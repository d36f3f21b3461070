/**
 * {@code exp}, {@code expm1}, {@code tanh} and {@code log1p} on whole vectors, built only from lane operations whose
 * results IEEE 754 fixes to the bit (add, multiply, divide, fused multiply-add, compares, blends, integer and bit
 * operations), so that they give the same bits in the interpreter, in C1 and in C2. The Vector API's own
 * {@code lanewise(EXP)} and the like do not: C2 takes them from Intel's SVML, the other tiers from
 * {@link java.lang.Math}, and about one result in a hundred differs in the last bit, at a moment that depends on
 * the JIT's threads. See {@link org.nnj.simd.math.FloatLaneMath}.
 */
package org.nnj.simd.math;
