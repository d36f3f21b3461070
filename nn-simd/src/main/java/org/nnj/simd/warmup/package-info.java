/**
 * How a new JVM runs the kernels before the JIT has compiled them: {@link org.nnj.simd.warmup.JitGate} sends
 * a kernel's calls to its scalar twin, which gives the same bits, until a thread of its own has seen the vector
 * kernel run compiled.
 */
package org.nnj.simd.warmup;
