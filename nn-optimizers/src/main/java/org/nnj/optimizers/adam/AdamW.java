package org.nnj.optimizers.adam;

import org.nnj.api.ConfigException;

/**
 * AdamW (Loshchilov and Hutter, 2019) with PyTorch's {@code torch.optim.AdamW} formula and defaults:
 * Adam whose weight decay is <em>decoupled</em> from the gradient. Before each update the weights shrink
 * by {@code w *= 1 - lr * weight_decay}; the moments see the plain gradient. Note that the decay is
 * multiplied by the learning rate (PyTorch's choice; the paper multiplies by the schedule factor only),
 * so it follows a learning-rate schedule. AMSGrad with {@code amsgrad}. The update is described in
 * {@link AbstractAdam}.
 *
 * <p>Config: as {@link Adam}, but {@code weight_decay} defaults to {@value #DEFAULT_WEIGHT_DECAY}.
 */
public final class AdamW extends AbstractAdam {
    /** The provider name. */
    public static final String TYPE = "adamw";
    public static final double DEFAULT_LR = 1e-3;
    public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

    /** AdamW with PyTorch's defaults. */
    public AdamW() {
        this(DEFAULT_LR, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, false);
    }

    /** @throws ConfigException naming the key when a value is out of range */
    public AdamW(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(TYPE, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}
