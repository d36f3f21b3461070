package org.nnj.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.optimizers.adadelta.Adadelta;
import org.nnj.optimizers.adagrad.Adagrad;
import org.nnj.optimizers.adam.Adam;
import org.nnj.optimizers.adam.AdamW;
import org.nnj.optimizers.adam.Adamax;
import org.nnj.optimizers.adam.NAdam;
import org.nnj.optimizers.rmsprop.RmsProp;
import org.nnj.optimizers.sgd.Sgd;

class ProvidersTest {

    private static Map<String, OptimizerProvider> discovered() {
        Map<String, OptimizerProvider> byName = new HashMap<>();
        for (OptimizerProvider p : ServiceLoader.load(OptimizerProvider.class)) {
            byName.put(p.name(), p);
        }
        return byName;
    }

    @Test
    void allEightAreFoundThroughServiceLoader() {
        Map<String, OptimizerProvider> providers = discovered();
        assertEquals(8, providers.size(), providers.keySet().toString());
        assertInstanceOf(Sgd.class, providers.get("sgd").create(Config.empty()));
        assertInstanceOf(Adagrad.class, providers.get("adagrad").create(Config.empty()));
        assertInstanceOf(RmsProp.class, providers.get("rmsprop").create(Config.empty()));
        assertInstanceOf(Adadelta.class, providers.get("adadelta").create(Config.empty()));
        assertInstanceOf(Adam.class, providers.get("adam").create(Config.empty()));
        assertInstanceOf(AdamW.class, providers.get("adamw").create(Config.empty()));
        assertInstanceOf(Adamax.class, providers.get("adamax").create(Config.empty()));
        assertInstanceOf(NAdam.class, providers.get("nadam").create(Config.empty()));
        providers.forEach((name, p) -> {
            assertEquals(name, p.create(Config.empty()).type());
            assertTrue(p.description().contains("torch.optim"), name + ": " + p.description());
        });
    }

    @Test
    void defaultsAreTorchOptimDefaults() {
        Map<String, OptimizerProvider> p = discovered();
        assertEquals(Config.of("lr", 1e-3, "momentum", 0.0, "dampening", 0.0, "nesterov", false, "weight_decay", 0.0),
                p.get("sgd").create(Config.empty()).config());
        assertEquals(Config.of("lr", 1e-2, "lr_decay", 0.0, "weight_decay", 0.0, "initial_accumulator_value", 0.0,
                "eps", 1e-10), p.get("adagrad").create(Config.empty()).config());
        assertEquals(Config.of("lr", 1e-2, "alpha", 0.99, "eps", 1e-8, "weight_decay", 0.0, "momentum", 0.0,
                "centered", false), p.get("rmsprop").create(Config.empty()).config());
        assertEquals(Config.of("lr", 1.0, "rho", 0.9, "eps", 1e-6, "weight_decay", 0.0),
                p.get("adadelta").create(Config.empty()).config());
        assertEquals(Config.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0,
                "amsgrad", false), p.get("adam").create(Config.empty()).config());
        assertEquals(Config.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 1e-2,
                "amsgrad", false), p.get("adamw").create(Config.empty()).config());
        assertEquals(Config.of("lr", 2e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0),
                p.get("adamax").create(Config.empty()).config());
        assertEquals(Config.of("lr", 2e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0,
                "momentum_decay", 4e-3), p.get("nadam").create(Config.empty()).config());
    }

    @Test
    void configRebuildsAnEqualOptimizer() {
        Map<String, OptimizerProvider> providers = discovered();
        List<Config> configs = List.of(
                Config.parse("lr=0.1,momentum=0.9,nesterov=true,weight_decay=0.01"),
                Config.parse("lr=0.05,lr_decay=0.1,initial_accumulator_value=0.2"),
                Config.parse("lr=0.01,alpha=0.9,momentum=0.5,centered=true"),
                Config.parse("rho=0.95,eps=1e-5"),
                Config.parse("lr=0.01,beta1=0.8,beta2=0.95,eps=1e-6,amsgrad=true,weight_decay=0.1"),
                Config.parse("weight_decay=0.5"),
                Config.parse("beta1=0.5"),
                Config.parse("momentum_decay=0.01"));
        List<String> names = List.of("sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            OptimizerProvider provider = providers.get(name);
            Optimizer built = provider.create(configs.get(i));
            assertEquals(built.config(), provider.create(built.config()).config(), name);
            configs.get(i).asMap().forEach((key, value) -> assertEquals(
                    value instanceof Number ? ((Number) value).doubleValue() : value, built.config().asMap().get(key),
                    name + " " + key));
            built.setLearningRate(0.003);
            assertEquals(0.003, provider.create(built.config()).learningRate(), name);
        }
        // Integers are numbers too.
        assertEquals(1.0, providers.get("sgd").create(Config.of("lr", 1)).learningRate());
    }

    @Test
    void unknownKeysAreRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> discovered().get("sgd").create(Config.of("lr", 0.1, "betas", 0.9)));
        assertEquals("optimizer 'sgd': unknown key [betas]; known keys are [dampening, lr, momentum, nesterov,"
                + " weight_decay]", e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> discovered().get("adam").create(Config.of("momentum", 0.01, "centered", true)));
        assertEquals("optimizer 'adam': unknown keys [centered, momentum]; known keys are [amsgrad, beta1, beta2, eps,"
                + " lr, weight_decay]", e.getMessage());
        e = assertThrows(ConfigException.class, () -> discovered().get("adamax").create(Config.of("amsgrad", true)));
        assertTrue(e.getMessage().startsWith("optimizer 'adamax': unknown key [amsgrad]"), e.getMessage());
    }

    @Test
    void rangesAreChecked() {
        Map<String, OptimizerProvider> p = discovered();
        OptimizerProvider adam = p.get("adam");
        assertRejected(adam, Config.of("lr", 0), "'lr' must be positive");
        assertRejected(adam, Config.of("lr", -1), "'lr' must be positive");
        assertRejected(adam, Config.of("beta1", 1), "'beta1' must be in [0, 1)");
        assertRejected(adam, Config.of("beta2", -0.5), "'beta2' must be in [0, 1)");
        assertRejected(adam, Config.of("eps", 0), "'eps' must be positive");
        assertRejected(adam, Config.of("weight_decay", -0.1), "adam: 'weight_decay' must be zero or positive");
        assertRejected(adam, Config.of("lr", "fast"), "'lr' must be a number");
        assertRejected(adam, Config.of("amsgrad", 1), "'amsgrad' must be true or false");
        assertRejected(p.get("sgd"), Config.of("lr", 0), "'lr' must be positive");
        assertRejected(p.get("sgd"), Config.of("momentum", -0.9), "sgd: 'momentum' must be in [0, 1]");
        assertRejected(p.get("sgd"), Config.of("dampening", 1.5), "sgd: 'dampening' must be in [0, 1]");
        assertRejected(p.get("sgd"), Config.of("nesterov", true),
                "sgd: 'nesterov' needs 'momentum' > 0 and 'dampening' 0, got momentum 0.0 and dampening 0.0");
        assertRejected(p.get("sgd"), Config.of("nesterov", true, "momentum", 0.9, "dampening", 0.1),
                "sgd: 'nesterov' needs 'momentum' > 0 and 'dampening' 0");
        assertRejected(p.get("adagrad"), Config.of("lr_decay", -1), "adagrad: 'lr_decay' must be zero or positive");
        assertRejected(p.get("adagrad"), Config.of("initial_accumulator_value", Double.NaN),
                "adagrad: 'initial_accumulator_value' must be zero or positive");
        assertRejected(p.get("rmsprop"), Config.of("alpha", 1.0), "rmsprop: 'alpha' must be in [0, 1)");
        assertRejected(p.get("adadelta"), Config.of("rho", 2), "adadelta: 'rho' must be in [0, 1)");
        assertRejected(p.get("adadelta"), Config.of("eps", -1e-6), "adadelta: 'eps' must be positive");
        assertRejected(p.get("nadam"), Config.of("momentum_decay", -0.004), "nadam: 'momentum_decay' must be zero");
        assertRejected(p.get("adamw"), Config.of("beta1", 0.9, "beta2", 1), "adamw: 'beta2' must be in [0, 1)");
        // The bounds themselves: beta 0 is allowed.
        assertEquals(0.0, ((Adam) adam.create(Config.of("beta1", 0, "beta2", 0))).beta2());
    }

    private static void assertRejected(OptimizerProvider provider, Config config, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> provider.create(config));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
