/**
 * The contracts of NNJ, and nothing else: tensors and shapes ({@link org.nnj.api.tensor}), layers and
 * their parameters ({@link org.nnj.api.layer}), activations, losses, optimizers, the compute backend
 * that runs every heavy kernel ({@link org.nnj.api.backend}), the plugin SPIs ({@link org.nnj.api.spi})
 * and the exception family rooted at {@link org.nnj.api.NnException}.
 *
 * <p>The built-in layers, optimizers and backends are plugins written against this module alone, exactly
 * like a third party's. If a plugin needs something that is not here, this API is what grows.
 */
package org.nnj.api;
