package org.nnj.core.registry;

import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.spi.OptimizerProvider;

/** A test plugin listed in META-INF/services: plain gradient descent. */
public final class TestSgdOptimizerProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "test_sgd";
    }

    @Override
    public Optimizer create(Config config) {
        config.requireOnly("lr");
        return new Sgd(config.getDouble("lr", 0.1));
    }

    private static final class Sgd implements Optimizer {
        private double lr;

        Sgd(double lr) {
            this.lr = lr;
        }

        @Override
        public String type() {
            return "test_sgd";
        }

        @Override
        public Config config() {
            return Config.of("lr", lr);
        }

        @Override
        public void step(ComputeBackend backend, List<Parameter> parameters) {
            for (Parameter p : parameters) {
                backend.axpy(p.size(), (float) -lr, p.gradient().data(), p.gradient().offset(),
                        p.value().data(), p.value().offset());
            }
        }

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public void setLearningRate(double learningRate) {
            lr = learningRate;
        }

        @Override
        public OptimizerState saveState() {
            return OptimizerState.empty();
        }

        @Override
        public void loadState(OptimizerState state) {
            // stateless
        }
    }
}
