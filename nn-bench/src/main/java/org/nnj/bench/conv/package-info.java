/** JMH benchmarks of the convolution kernels: the scalar and SIMD backends on the layers of LeNet and the CNN. */
package org.nnj.bench.conv;
