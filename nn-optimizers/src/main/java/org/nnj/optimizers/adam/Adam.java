package org.nnj.optimizers.adam;

import org.nnj.api.ConfigException;

/**
 * Adam (Kingma and Ba, 2015), and AMSGrad (Reddi, Kale and Kumar, 2018) with {@code amsgrad}, with
 * PyTorch's {@code torch.optim.Adam} formula and defaults; weight decay is <em>coupled</em>: added to
 * the gradient ({@code g + weight_decay * w}) before the moments, so it is rescaled by the adaptive step
 * like the rest of the gradient (see {@link AdamW} for the decoupled form). The update is described in
 * {@link AbstractAdam}.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}), {@code beta1} ({@value #DEFAULT_BETA1}),
 * {@code beta2} ({@value #DEFAULT_BETA2}), {@code eps} ({@value #DEFAULT_EPS}), {@code weight_decay}
 * (0), {@code amsgrad} (false); {@code lr > 0}, {@code 0 <= beta < 1}, {@code eps > 0},
 * {@code weight_decay >= 0}.
 */
public final class Adam extends AbstractAdam {
    /** The provider name. */
    public static final String TYPE = "adam";
    public static final double DEFAULT_LR = 1e-3;

    /** Adam with PyTorch's defaults. */
    public Adam() {
        this(DEFAULT_LR);
    }

    /** Adam with learning rate {@code lr} and the default betas and eps. */
    public Adam(double lr) {
        this(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    /** Adam without weight decay or AMSGrad. */
    public Adam(double lr, double beta1, double beta2, double eps) {
        this(lr, beta1, beta2, eps, 0, false);
    }

    /** @throws ConfigException naming the key when a value is out of range */
    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(TYPE, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
    }
}
