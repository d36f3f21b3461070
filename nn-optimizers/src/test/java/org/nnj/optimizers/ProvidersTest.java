package org.nnj.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.optimizers.adam.Adam;
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
    void bothAreFoundThroughServiceLoader() {
        Map<String, OptimizerProvider> providers = discovered();
        assertInstanceOf(Sgd.class, providers.get("sgd").create(Config.empty()));
        assertInstanceOf(Adam.class, providers.get("adam").create(Config.empty()));
        assertTrue(providers.get("adam").description().contains("0.999"));
    }

    @Test
    void defaultsAreThoseDocumented() {
        Optimizer sgd = discovered().get("sgd").create(Config.empty());
        assertEquals(Config.of("lr", 0.01), sgd.config());
        assertEquals("sgd", sgd.type());
        Optimizer adam = discovered().get("adam").create(Config.empty());
        assertEquals(Config.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8), adam.config());
        assertEquals("adam", adam.type());
    }

    @Test
    void configRebuildsAnEqualOptimizer() {
        OptimizerProvider provider = discovered().get("adam");
        Optimizer adam = provider.create(Config.parse("lr=0.01,beta1=0.8,beta2=0.95,eps=1e-6"));
        assertEquals(adam.config(), provider.create(adam.config()).config());
        assertEquals(0.8, ((Adam) adam).beta1());
        adam.setLearningRate(0.003);
        assertEquals(0.003, provider.create(adam.config()).learningRate());
        // Integers are numbers too.
        assertEquals(1.0, discovered().get("sgd").create(Config.of("lr", 1)).learningRate());
    }

    @Test
    void unknownKeysAreRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> discovered().get("sgd").create(Config.of("lr", 0.1, "momentum", 0.9)));
        assertEquals("optimizer 'sgd': unknown key [momentum]; known keys are [lr]", e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> discovered().get("adam").create(Config.of("weight_decay", 0.01, "amsgrad", true)));
        assertEquals("optimizer 'adam': unknown keys [amsgrad, weight_decay]; known keys are [beta1, beta2, eps, lr]",
                e.getMessage());
    }

    @Test
    void rangesAreChecked() {
        OptimizerProvider adam = discovered().get("adam");
        assertRejected(adam, Config.of("lr", 0), "'lr' must be positive");
        assertRejected(adam, Config.of("lr", -1), "'lr' must be positive");
        assertRejected(adam, Config.of("beta1", 1), "'beta1' must be in [0, 1)");
        assertRejected(adam, Config.of("beta2", -0.5), "'beta2' must be in [0, 1)");
        assertRejected(adam, Config.of("eps", 0), "'eps' must be positive");
        assertRejected(adam, Config.of("lr", "fast"), "'lr' must be a number");
        assertRejected(discovered().get("sgd"), Config.of("lr", 0), "'lr' must be positive");
        // The bounds themselves: beta 0 is allowed.
        assertEquals(0.0, ((Adam) adam.create(Config.of("beta1", 0, "beta2", 0))).beta2());
    }

    private static void assertRejected(OptimizerProvider provider, Config config, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> provider.create(config));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
