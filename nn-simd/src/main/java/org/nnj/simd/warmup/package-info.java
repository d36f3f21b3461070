/**
 * How a new JVM runs the kernels before the JIT has compiled them: {@link org.nnj.simd.warmup.JitGate} sends
 * a kernel's calls to its scalar twin, which gives the same bits, until its warm-up has seen the vector kernel
 * run compiled.
 */
package org.nnj.simd.warmup;
