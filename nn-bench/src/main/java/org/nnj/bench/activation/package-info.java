/** Benchmarks of the smooth activation kernels (ELU, SELU, GELU, softplus), scalar against SIMD. */
package org.nnj.bench.activation;
