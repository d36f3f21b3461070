package org.nnj.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnj.api.activation.Activation;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackendProvider;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;

/** Plugins that keep their contract, and plugins that each break one part of it. */
final class ContractFixtures {
    private ContractFixtures() {
    }

    static Registries registries(LayerProvider... layers) {
        return new Registries(ProviderRegistry.of("layer", LayerProvider.class, List.of(layers)),
                ProviderRegistry.of("activation", ActivationProvider.class, List.of()),
                ProviderRegistry.of("loss", LossProvider.class, List.of()),
                ProviderRegistry.of("optimizer", OptimizerProvider.class, List.of()),
                ProviderRegistry.of("backend", ComputeBackendProvider.class, List.of(new ScalarBackendProvider())));
    }

    /** "test_linear": a correct layer with parameters. */
    static final class LinearProvider implements LayerProvider {
        @Override
        public String name() {
            return "test_linear";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            config.requireOnly("units");
            return new TestLinear(context.inputShape().dim(0), config.getInt("units"), context.seed());
        }
    }

    /** A layer that adds how often it was called: state in a field, which concurrent inference exposes. */
    static final class CountingProvider implements LayerProvider {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            return new AbstractLayer("counting", context.inputShape(), context.inputShape()) {
                private int calls;

                @Override
                public Config config() {
                    return Config.empty();
                }

                @Override
                protected Tensor doForward(Tensor input, LayerContext c) {
                    float shift = ++calls;
                    Tensor y = c.allocate(input.shape());
                    for (int i = 0; i < y.size(); i++) {
                        y.setFlat(i, input.getFlat(i) + shift);
                    }
                    return y;
                }

                @Override
                protected Tensor doBackward(Tensor dy, LayerContext c) {
                    return dy;
                }
            };
        }
    }

    /** A layer whose config forgets its size: a model file could not rebuild it. */
    static final class ForgetfulConfigProvider implements LayerProvider {
        @Override
        public String name() {
            return "forgetful";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            TestLinear inner = new TestLinear(context.inputShape().dim(0), config.getInt("units"), context.seed());
            return new AbstractLayer("forgetful", inner.inputShape(), inner.outputShape()) {
                @Override
                public Config config() {
                    return Config.empty();
                }

                @Override
                public List<Parameter> parameters() {
                    return inner.parameters();
                }

                @Override
                protected Tensor doForward(Tensor input, LayerContext c) {
                    return inner.forward(input, c);
                }

                @Override
                protected Tensor doBackward(Tensor dy, LayerContext c) {
                    return inner.backward(dy, c);
                }
            };
        }
    }

    /** A layer whose backward forgets the bias gradient. */
    static final class NoBiasGradientProvider implements LayerProvider {
        @Override
        public String name() {
            return "no_bias_gradient";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            TestLinear inner = new TestLinear(context.inputShape().dim(0), 2, context.seed());
            return new AbstractLayer("no_bias_gradient", inner.inputShape(), inner.outputShape()) {
                @Override
                public Config config() {
                    return Config.empty();
                }

                @Override
                public List<Parameter> parameters() {
                    return inner.parameters();
                }

                @Override
                protected Tensor doForward(Tensor input, LayerContext c) {
                    return inner.forward(input, c);
                }

                @Override
                protected Tensor doBackward(Tensor dy, LayerContext c) {
                    Tensor dx = inner.backward(dy, c);
                    inner.bias().zeroGradient();
                    return dx;
                }
            };
        }
    }

    /** "activation": applies the activation its config names, as nn-layers' activation layer does. */
    static final class ActivationLayerProvider implements LayerProvider {
        @Override
        public String name() {
            return "activation";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            Map<String, Object> rest = new LinkedHashMap<>(config.asMap());
            String function = (String) rest.remove("function");
            Activation a = context.activation(function, Config.fromMap(rest));
            return new AbstractLayer("activation", context.inputShape(), context.inputShape()) {
                @Override
                public Config config() {
                    return Config.of("function", a.type()).withAll(a.config());
                }

                @Override
                protected Tensor doForward(Tensor input, LayerContext c) {
                    Tensor y = c.allocate(input.shape());
                    a.forward(c.backend(), input, y);
                    c.save(input, y);
                    return y;
                }

                @Override
                protected Tensor doBackward(Tensor dy, LayerContext c) {
                    Tensor dx = c.allocate(dy.shape());
                    a.backward(c.backend(), c.saved(0, Tensor.class), c.saved(1, Tensor.class), dy, dx);
                    return dx;
                }
            };
        }
    }

    /** {@code scale * tanh(x)}, config {@code scale}; with {@code wrong}, its derivative misses the scale. */
    static final class ScaledTanhProvider implements ActivationProvider {
        private final boolean wrong;

        ScaledTanhProvider(boolean wrong) {
            this.wrong = wrong;
        }

        @Override
        public String name() {
            return "scaled_tanh";
        }

        @Override
        public Activation create(Config config) {
            config.requireOnly("scale");
            double scale = config.getDouble("scale", 1.0);
            return new ElementwiseActivation() {
                @Override
                public String type() {
                    return "scaled_tanh";
                }

                @Override
                public Config config() {
                    return Config.of("scale", scale);
                }

                @Override
                public float apply(float x) {
                    return (float) (scale * Math.tanh(x));
                }

                @Override
                public float derivative(float x, float y) {
                    double t = Math.tanh(x);
                    return (float) ((wrong ? 1 : scale) * (1 - t * t));
                }
            };
        }
    }

    /** Heavy-ball momentum; with {@code forgetful}, its saved state is empty. */
    static final class MomentumProvider implements OptimizerProvider {
        private final boolean forgetful;

        MomentumProvider(boolean forgetful) {
            this.forgetful = forgetful;
        }

        @Override
        public String name() {
            return "momentum";
        }

        @Override
        public Optimizer create(Config config) {
            config.requireOnly("lr");
            double lr0 = config.getDouble("lr", 0.1);
            return new Optimizer() {
                private double lr = lr0;
                private final Map<String, Tensor> velocity = new LinkedHashMap<>();

                @Override
                public String type() {
                    return "momentum";
                }

                @Override
                public Config config() {
                    return Config.of("lr", lr);
                }

                @Override
                public void step(ComputeBackend backend, List<Parameter> parameters) {
                    for (Parameter p : parameters) {
                        Tensor v = velocity.computeIfAbsent(p.name(), k -> Tensor.zeros(p.shape()));
                        for (int i = 0; i < v.size(); i++) {
                            v.setFlat(i, 0.9f * v.getFlat(i) + p.gradient().getFlat(i));
                            p.value().setFlat(i, p.value().getFlat(i) - (float) lr * v.getFlat(i));
                        }
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
                    return forgetful ? OptimizerState.empty() : new OptimizerState(prefixed(), Map.of());
                }

                private Map<String, Tensor> prefixed() {
                    Map<String, Tensor> m = new LinkedHashMap<>();
                    velocity.forEach((k, v) -> m.put(k + "/velocity", v));
                    return m;
                }

                @Override
                public void loadState(OptimizerState state) {
                    velocity.clear();
                    state.tensors().forEach((k, v) -> velocity.put(k.substring(0, k.lastIndexOf('/')), v.copy()));
                }
            };
        }
    }
}
