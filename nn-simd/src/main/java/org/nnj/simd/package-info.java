/**
 * The SIMD compute backend on the Java Vector API ({@code jdk.incubator.vector}):
 * {@link org.nnj.simd.SimdBackend} and its provider {@link org.nnj.simd.SimdBackendProvider}, which is
 * safe to load in a JVM without the incubator module and then reports how to enable it.
 */
package org.nnj.simd;
