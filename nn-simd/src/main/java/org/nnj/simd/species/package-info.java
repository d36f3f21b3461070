/**
 * The float vector species (lane count) of the SIMD backend, chosen once per JVM and overridable with
 * the system property {@code nnj.simd.bits} for tests and benchmarks.
 */
package org.nnj.simd.species;
