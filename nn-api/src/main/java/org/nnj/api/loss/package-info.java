/** Losses: {@link org.nnj.api.loss.Loss}, with its reduction (mean over the batch) and fused forms. */
package org.nnj.api.loss;
