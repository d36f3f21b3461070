/** Whole training steps and inference passes of the {@code ./nn train} models, beside PyTorch's. */
package org.nnj.bench.train;
