package org.nnj.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.ConfigException;
import org.nnj.api.ProviderException;
import org.nnj.api.activation.Activation;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.AbstractOptimizer;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.backend.ScalarBackendProvider;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;

/**
 * A plugin whose provider went from version 1 to 2 (a config key renamed, an optimizer slot renamed)
 * still reads the files its version 1 wrote, through {@link org.nnj.api.spi.Provider#upgrade}: the
 * version-1 files are written in each test by the version-1 providers.
 */
class ConfigUpgradeTest {
    private final ComputeBackend backend = new ScalarBackend(1);
    @TempDir
    Path dir;

    @Test
    void aVersionOneLayerAndActivationLoadThroughTheirVersionTwoProviders() throws IOException {
        Path file = dir.resolve("v1.safetensors");
        Sequential saved = model(v1());
        ModelFile.save(file, Checkpoint.of(saved), v1());
        Tensor x = IoFixtures.inputs(4, 3);

        GainLayerProvider layerV2 = new GainLayerProvider(2, false);
        GainActivationProvider activationV2 = new GainActivationProvider(2, false);
        Sequential loaded = ModelFile.load(file, registries(layerV2, activationV2, new HeavyBallProvider(1)));

        assertEquals(List.of(1), layerV2.upgradedFrom);
        assertEquals(List.of(1), activationV2.upgradedFrom);
        assertEquals(Config.of("gain", 2.5), loaded.layers().get(1).config());
        assertEquals(Config.of("function", "test_gain", "gain", -1.5), loaded.layers().get(2).config());
        assertEquals(IoFixtures.weights(saved).keySet(), IoFixtures.weights(loaded).keySet());
        IoFixtures.weights(saved).forEach((k, w) -> assertArrayEquals(w, IoFixtures.weights(loaded).get(k), k));
        float[] expected = saved.predict(x, backend).toArray();
        assertArrayEquals(expected, loaded.predict(x, backend).toArray());
        // Independently, in double: (W x + b) * 2.5 * -1.5, with the linear layer's weights [4, 3].
        float[] w = IoFixtures.weights(saved).get("0.weight");
        float[] b = IoFixtures.weights(saved).get("0.bias");
        for (int n = 0; n < 4; n++) {
            for (int o = 0; o < 4; o++) {
                double y = b[o];
                for (int i = 0; i < 3; i++) {
                    y += (double) w[o * 3 + i] * x.getFlat(n * 3 + i);
                }
                assertEquals(y * 2.5 * -1.5, expected[n * 4 + o], 1e-5 * Math.max(1, Math.abs(y)));
            }
        }

        // Saved again, the file records version 2 and the new keys, and version 2 reads it without upgrading.
        Path again = dir.resolve("v2.safetensors");
        ModelFile.save(again, Checkpoint.of(loaded), registries(layerV2, activationV2, new HeavyBallProvider(1)));
        Architecture architecture = Architecture.fromJson(Safetensors.read(again).metadata()
                .get(ModelFile.ARCHITECTURE_KEY), "test");
        assertEquals(2, architecture.layers().get(1).version());
        assertEquals(Config.of("gain", 2.5), architecture.layers().get(1).config());
        ModelFile.load(again, registries(layerV2, activationV2, new HeavyBallProvider(1)));
        assertEquals(List.of(1), layerV2.upgradedFrom);
    }

    @Test
    void loadWeightsUpgradesTheFilesConfigsBeforeComparingThemWithTheModels() throws IOException {
        Path file = dir.resolve("v1.safetensors");
        Sequential saved = model(v1());
        ModelFile.save(file, Checkpoint.of(saved), v1());
        Registries v2 = registries(new GainLayerProvider(2, false), new GainActivationProvider(2, false),
                new HeavyBallProvider(1));
        Sequential target = Sequential.builder(Shape.of(3)).registries(v2).seed(99)
                .add("test_linear", Config.of("units", 4))
                .add("test_gain", Config.of("gain", 2.5))
                .add("activation", Config.of("function", "test_gain", "gain", -1.5))
                .build();
        // Built with version 1's providers only, the file's {factor=2.5} is not the model's {gain=2.5}.
        String m = assertThrows(org.nnj.api.DataFormatException.class,
                () -> ModelFile.loadWeights(file, target, v1())).getMessage();
        assertTrue(m.contains("layer 1 (test_gain) has the config {factor=2.5} in the file"), m);

        ModelFile.loadWeights(file, target, v2);
        Tensor x = IoFixtures.inputs(4, 5);
        assertArrayEquals(saved.predict(x, backend).toArray(), target.predict(x, backend).toArray());
    }

    @Test
    void aFileThatRecordsNoVersionsCountsAsVersionOne() throws IOException {
        Path file = dir.resolve("v1.safetensors");
        ModelFile.save(file, Checkpoint.of(model(v1())), v1());
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.replaceAll((k, v) -> v.replaceAll("\"version\":\\d+,", ""));
        assertTrue(!metadata.get(ModelFile.ARCHITECTURE_KEY).contains("version"), metadata.toString());
        Path unversioned = dir.resolve("unversioned.safetensors");
        Safetensors.write(unversioned, contents.tensors(), metadata);

        GainLayerProvider layerV2 = new GainLayerProvider(2, false);
        GainActivationProvider activationV2 = new GainActivationProvider(2, false);
        Sequential loaded = ModelFile.load(unversioned, registries(layerV2, activationV2, new HeavyBallProvider(1)));
        assertEquals(List.of(1), layerV2.upgradedFrom);
        assertEquals(List.of(1), activationV2.upgradedFrom);
        assertEquals(Config.of("gain", 2.5), loaded.layers().get(1).config());
    }

    @Test
    void anUpgradeThatFailsNamesTheFileTheLayerAndTheProvider() throws IOException {
        Path file = dir.resolve("v1.safetensors");
        ModelFile.save(file, Checkpoint.of(model(v1())), v1());
        Registries broken = registries(new GainLayerProvider(2, true), new GainActivationProvider(2, false),
                new HeavyBallProvider(1));
        ProviderException e = assertThrows(ProviderException.class, () -> ModelFile.load(file, broken));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": layer 1 (test_gain): the 'test_gain' provider "
                + GainLayerProvider.class.getName()), m);
        assertTrue(m.contains("from version 1 to 2") && m.contains("cannot read factor=oops"), m);
        assertInstanceOf(ConfigException.class, e.getCause());

        Registries brokenActivation = registries(new GainLayerProvider(2, false),
                new GainActivationProvider(2, true), new HeavyBallProvider(1));
        String a = assertThrows(ProviderException.class, () -> ModelFile.load(file, brokenActivation)).getMessage();
        assertTrue(a.startsWith(file + ": layer 2 (activation), activation 'test_gain': the 'test_gain' provider "
                + GainActivationProvider.class.getName()), a);
    }

    @Test
    void aFileOfANewerVersionIsStillRefused() throws IOException {
        Path file = dir.resolve("v2.safetensors");
        Registries v2 = registries(new GainLayerProvider(2, false), new GainActivationProvider(2, false),
                new HeavyBallProvider(2));
        ModelFile.save(file, Checkpoint.of(model(v2)), v2);
        String m = assertThrows(ProviderException.class, () -> ModelFile.load(file, v1())).getMessage();
        assertTrue(m.contains("layer 1 (test_gain) was saved by version 2 of the 'test_gain' provider"), m);
    }

    @Test
    void aVersionOneOptimizerCheckpointResumesExactlyWithTheVersionTwoProvider() throws IOException {
        Sequential straight = model(v1());
        Optimizer uninterrupted = new HeavyBallProvider(1).create(Config.of("lr", 0.05, "mu", 0.8));
        train(straight, uninterrupted, 0, 6);

        Sequential first = model(v1());
        Optimizer before = new HeavyBallProvider(1).create(Config.of("lr", 0.05, "mu", 0.8));
        train(first, before, 0, 3);
        Path file = dir.resolve("checkpoint.safetensors");
        ModelFile.save(file, Checkpoint.of(first).withOptimizer(before), v1());

        HeavyBallProvider v2 = new HeavyBallProvider(2);
        Checkpoint read = ModelFile.read(file, registries(new GainLayerProvider(1, false),
                new GainActivationProvider(1, false), v2));
        Optimizer after = read.optimizer().orElseThrow();
        assertEquals(List.of(1, 1), v2.upgradedFrom); // the config, then the state
        assertEquals(Config.of("lr", 0.05, "momentum", 0.8), after.config());
        assertTrue(after.saveState().tensors().containsKey("0.weight/buffer"), after.saveState().tensors().keySet()
                .toString());
        train(read.model(), after, 3, 6);
        IoFixtures.weights(straight).forEach((k, w) ->
                assertArrayEquals(w, IoFixtures.weights(read.model()).get(k), "parameter " + k));
    }

    // ------------------------------------------------------------------ fixtures

    /** Steps {@code from} to {@code to} on the gradient {@code w - s/10}: the same for any run at step s. */
    private void train(Sequential model, Optimizer optimizer, int from, int to) {
        for (int s = from; s < to; s++) {
            for (Parameter p : model.parameters()) {
                for (int i = 0; i < p.size(); i++) {
                    p.gradient().setFlat(i, p.value().getFlat(i) - s / 10f + i / 100f);
                }
            }
            optimizer.step(backend, model.parameters());
        }
    }

    /** [3] -> test_linear 4 -> test_gain 2.5 -> activation test_gain -1.5, in each version's keys. */
    private static Sequential model(Registries registries) {
        int version = registries.layers().get("test_gain").version();
        String key = version == 1 ? "factor" : "gain";
        return Sequential.builder(Shape.of(3)).registries(registries).seed(7)
                .add("test_linear", Config.of("units", 4))
                .add("test_gain", Config.of(key, 2.5))
                .add("activation", Config.of("function", "test_gain", key, -1.5))
                .build();
    }

    private static Registries v1() {
        return registries(new GainLayerProvider(1, false), new GainActivationProvider(1, false),
                new HeavyBallProvider(1));
    }

    private static Registries registries(GainLayerProvider gain, GainActivationProvider activation,
                                         HeavyBallProvider optimizer) {
        return new Registries(
                ProviderRegistry.of("layer", LayerProvider.class,
                        List.of(new IoFixtures.LinearProvider(1), gain, new ActivationLayerProvider())),
                ProviderRegistry.of("activation", ActivationProvider.class, List.of(activation)),
                ProviderRegistry.of("loss", LossProvider.class, List.of()),
                ProviderRegistry.of("optimizer", OptimizerProvider.class, List.of(optimizer)),
                ProviderRegistry.of("backend", ComputeBackendProvider.class, List.of(new ScalarBackendProvider())));
    }

    /** Version 1 names the gain {@code factor}, version 2 {@code gain}; {@code broken} throws in upgrade. */
    private abstract static class GainProvider {
        final int version;
        final boolean broken;
        final List<Integer> upgradedFrom = new ArrayList<>();

        GainProvider(int version, boolean broken) {
            this.version = version;
            this.broken = broken;
        }

        Config upgradeConfig(int savedVersion, Config saved) {
            upgradedFrom.add(savedVersion);
            if (broken) {
                throw new ConfigException("cannot read factor=oops");
            }
            return savedVersion < 2 ? saved.renamed("factor", "gain") : saved;
        }

        float gain(Config config) {
            String key = version == 1 ? "factor" : "gain";
            config.requireOnly(key);
            return (float) config.getDouble(key);
        }
    }

    /** "test_gain": {@code y = gain * x}. */
    private static final class GainLayerProvider extends GainProvider implements LayerProvider {
        GainLayerProvider(int version, boolean broken) {
            super(version, broken);
        }

        @Override
        public String name() {
            return "test_gain";
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public Config upgrade(int savedVersion, Config saved) {
            return upgradeConfig(savedVersion, saved);
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            float gain = gain(config);
            Config stored = Config.of(version == 1 ? "factor" : "gain", (double) gain);
            return new AbstractLayer("test_gain", context.inputShape(), context.inputShape()) {
                @Override
                public Config config() {
                    return stored;
                }

                @Override
                protected Tensor doForward(Tensor x, LayerContext ctx) {
                    Tensor y = ctx.allocate(x.shape());
                    for (int i = 0; i < x.size(); i++) {
                        y.setFlat(i, gain * x.getFlat(i));
                    }
                    return y;
                }

                @Override
                protected Tensor doBackward(Tensor dy, LayerContext ctx) {
                    throw new UnsupportedOperationException("inference only");
                }
            };
        }
    }

    /** The activation "test_gain": {@code f(x) = gain * x}. */
    private static final class GainActivationProvider extends GainProvider implements ActivationProvider {
        GainActivationProvider(int version, boolean broken) {
            super(version, broken);
        }

        @Override
        public String name() {
            return "test_gain";
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public Config upgrade(int savedVersion, Config saved) {
            return upgradeConfig(savedVersion, saved);
        }

        @Override
        public Activation create(Config config) {
            float gain = gain(config);
            Config stored = Config.of(version == 1 ? "factor" : "gain", (double) gain);
            return new ElementwiseActivation() {
                @Override
                public String type() {
                    return "test_gain";
                }

                @Override
                public Config config() {
                    return stored;
                }

                @Override
                public float apply(float x) {
                    return gain * x;
                }

                @Override
                public float derivative(float x, float y) {
                    return gain;
                }
            };
        }
    }

    /** An "activation" layer with nn-layers' config, {@code {function, ...the activation's keys}}. */
    private static final class ActivationLayerProvider implements LayerProvider {
        @Override
        public String name() {
            return "activation";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            String function = config.getString("function");
            Map<String, Object> rest = new LinkedHashMap<>(config.asMap());
            rest.remove("function");
            Activation activation = context.activation(function, Config.fromMap(rest));
            return new AbstractLayer("activation", context.inputShape(), context.inputShape()) {
                @Override
                public Config config() {
                    return Config.of("function", function).withAll(activation.config());
                }

                @Override
                protected Tensor doForward(Tensor x, LayerContext ctx) {
                    Tensor y = ctx.allocate(x.shape());
                    activation.forward(ctx.backend(), x, y);
                    return y;
                }

                @Override
                protected Tensor doBackward(Tensor dy, LayerContext ctx) {
                    throw new UnsupportedOperationException("inference only");
                }
            };
        }
    }

    /**
     * "test_heavy_ball": {@code v = mu v + g; w -= lr v} on the nn-api base class. Version 1 calls the
     * momentum {@code mu} and its slot {@code velocity}; version 2 {@code momentum} and {@code buffer}.
     */
    private static final class HeavyBallProvider implements OptimizerProvider {
        private final int version;
        final List<Integer> upgradedFrom = new ArrayList<>();

        HeavyBallProvider(int version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "test_heavy_ball";
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public Config upgrade(int savedVersion, Config saved) {
            upgradedFrom.add(savedVersion);
            return saved.renamed("mu", "momentum");
        }

        @Override
        public OptimizerState upgradeState(int savedVersion, OptimizerState saved) {
            upgradedFrom.add(savedVersion);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            saved.tensors().forEach((k, t) -> tensors.put(k.replaceAll("/velocity$", "/buffer"), t));
            return new OptimizerState(tensors, saved.scalars());
        }

        @Override
        public Optimizer create(Config config) {
            String key = version == 1 ? "mu" : "momentum";
            config.requireOnly("lr", key);
            double lr = config.getDouble("lr");
            double mu = config.getDouble(key);
            return new AbstractOptimizer("test_heavy_ball", lr, version == 1 ? "velocity" : "buffer") {
                @Override
                public Config config() {
                    return Config.of("lr", learningRate(), key, mu);
                }

                @Override
                protected void update(ComputeBackend backend, Parameter p, ParameterState state) {
                    Tensor v = state.slot(0);
                    backend.scale(v.size(), (float) mu, v.data(), v.offset());
                    backend.axpy(v.size(), 1f, p.gradient().data(), p.gradient().offset(), v.data(), v.offset());
                    backend.axpy(v.size(), (float) -learningRate(), v.data(), v.offset(), p.value().data(),
                            p.value().offset());
                }
            };
        }
    }
}
