package org.nnj.core.registry;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.tensor.Tensor;

/** A test plugin listed in META-INF/services: the mean over the batch of the summed differences. */
public final class TestSumLossProvider implements LossProvider {

    @Override
    public String name() {
        return "test_sum";
    }

    @Override
    public Loss create(Config config) {
        config.requireOnly();
        return new Loss() {
            @Override
            public String type() {
                return "test_sum";
            }

            @Override
            public float compute(ComputeBackend backend, Tensor predictions, Tensor targets, Tensor gradient) {
                int batch = predictions.dim(0);
                double sum = 0;
                for (int i = 0; i < predictions.size(); i++) {
                    sum += predictions.getFlat(i) - targets.getFlat(i);
                    if (gradient != null) {
                        gradient.setFlat(i, 1f / batch);
                    }
                }
                return (float) (sum / batch);
            }
        };
    }
}
