package org.nnj.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackendProvider;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestRelu;
import org.nnj.core.fixtures.TestShift;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;

/** Plugins for the model file tests, registered explicitly (not through META-INF/services). */
final class IoFixtures {
    private IoFixtures() {
    }

    /** "test_linear": {@link TestLinear} with {@code units}; its version can be set to test version checks. */
    static final class LinearProvider implements LayerProvider {
        private final int version;

        LinearProvider(int version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "test_linear";
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            config.requireOnly("units");
            return new TestLinear(context.inputShape().dim(0), config.getIntAtLeast("units", 1), context.seed());
        }
    }

    static final class ReluProvider implements LayerProvider {
        @Override
        public String name() {
            return "test_relu";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            config.requireOnly();
            return new TestRelu(context.inputShape());
        }
    }

    /** "test_shift": {@link TestShift}, a layer with a buffer. */
    static final class ShiftProvider implements LayerProvider {
        @Override
        public String name() {
            return "test_shift";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            config.requireOnly();
            return new TestShift(context.inputShape());
        }
    }

    static final class MseProvider implements LossProvider {
        @Override
        public String name() {
            return "test_mse";
        }

        @Override
        public Loss create(Config config) {
            config.requireOnly();
            return new TestMse();
        }
    }

    static final class MomentumProvider implements OptimizerProvider {
        @Override
        public String name() {
            return "test_momentum";
        }

        @Override
        public Optimizer create(Config config) {
            config.requireOnly("lr", "mu");
            return new Momentum(config.getDouble("lr", 0.1), config.getDouble("mu", 0.9));
        }
    }

    /**
     * Heavy-ball momentum, {@code v = mu v + g; w -= lr v}, with a velocity per parameter and a step
     * count: state that must survive a save and load for a resumed run to match.
     */
    static final class Momentum implements Optimizer {
        private double lr;
        private final double mu;
        private final Map<String, Tensor> velocity = new LinkedHashMap<>();
        private final Map<String, Double> steps = new LinkedHashMap<>();

        Momentum(double lr, double mu) {
            this.lr = lr;
            this.mu = mu;
        }

        @Override
        public String type() {
            return "test_momentum";
        }

        @Override
        public Config config() {
            return Config.of("lr", lr, "mu", mu);
        }

        @Override
        public void step(ComputeBackend backend, List<Parameter> parameters) {
            for (Parameter p : parameters) {
                Tensor v = velocity.computeIfAbsent(p.name(), k -> Tensor.zeros(p.shape()));
                steps.merge(p.name(), 1.0, Double::sum);
                backend.scale(v.size(), (float) mu, v.data(), v.offset());
                backend.axpy(v.size(), 1f, p.gradient().data(), p.gradient().offset(), v.data(), v.offset());
                backend.axpy(v.size(), (float) -lr, v.data(), v.offset(), p.value().data(), p.value().offset());
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
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            velocity.forEach((k, v) -> tensors.put(k + "/velocity", v));
            Map<String, Double> scalars = new LinkedHashMap<>();
            steps.forEach((k, v) -> scalars.put(k + "/step", v));
            return new OptimizerState(tensors, scalars);
        }

        @Override
        public void loadState(OptimizerState state) {
            Map<String, Tensor> v = new LinkedHashMap<>();
            state.tensors().forEach((k, t) -> {
                if (!k.endsWith("/velocity")) {
                    throw new ConfigException("test_momentum state: unknown tensor '" + k + "'");
                }
                v.put(k.substring(0, k.length() - "/velocity".length()), t.copy());
            });
            velocity.clear();
            velocity.putAll(v);
            steps.clear();
            state.scalars().forEach((k, s) -> steps.put(k.substring(0, k.lastIndexOf('/')), s));
        }
    }

    /** Registries of the given layer providers plus test_mse, test_momentum and the scalar backend. */
    static Registries registries(LayerProvider... layers) {
        return new Registries(
                ProviderRegistry.of("layer", LayerProvider.class, List.of(layers)),
                ProviderRegistry.of("activation", ActivationProvider.class, List.of()),
                ProviderRegistry.of("loss", LossProvider.class, List.of(new MseProvider())),
                ProviderRegistry.of("optimizer", OptimizerProvider.class, List.of(new MomentumProvider())),
                ProviderRegistry.of("backend", ComputeBackendProvider.class, List.of(new ScalarBackendProvider())));
    }

    /** test_linear and test_relu, version 1. */
    static Registries registries() {
        return registries(new LinearProvider(1), new ReluProvider());
    }

    /** [3] -> test_linear 5 -> test_relu -> test_linear 2, built by name. */
    static Sequential model(Registries registries, long seed) {
        return Sequential.builder(Shape.of(3)).registries(registries).seed(seed)
                .add("test_linear", Config.of("units", 5))
                .add("test_relu", Config.empty())
                .add("test_linear", Config.of("units", 2))
                .build();
    }

    /** A seeded batch of {@code n} inputs in [-1, 1). */
    static Tensor inputs(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] x = new float[n * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return Tensor.of(x, n, 3);
    }

    /** Every parameter's values, by name. */
    static Map<String, float[]> weights(Sequential model) {
        Map<String, float[]> w = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> w.put(k, p.value().toArray()));
        return w;
    }

    static List<String> types(Sequential model) {
        List<String> t = new ArrayList<>();
        model.layers().forEach(l -> t.add(l.type()));
        return t;
    }
}
