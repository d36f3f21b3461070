/** JMH benchmarks of SGEMM: the scalar and SIMD backends beside OpenBLAS, in one run. */
package org.nnj.bench.gemm;
