/** Benchmarks of the batch-normalisation kernels ({@link org.nnj.api.backend.NormalizationKernels}). */
package org.nnj.bench.normalization;
