/** The one shared pool of daemon worker threads that the SIMD backend splits large kernels over. */
package org.nnj.simd.parallel;
