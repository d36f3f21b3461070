package org.nnj.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.spi.OptimizerProvider;

/**
 * Every built-in optimizer refuses, through its provider (the path of creation and of loading a file
 * alike), a learning rate above {@link Bounds#MAX_LEARNING_RATE} and a weight decay with
 * {@code lr * weight_decay >= 1} (issue 11: a file with lr 3e8 or weight_decay 1e308 loaded without a word).
 */
class BoundsTest {

    private static Iterable<OptimizerProvider> providers() {
        return ServiceLoader.load(OptimizerProvider.class);
    }

    @Test
    void aHugeLearningRateIsRefusedByEveryOptimizer() {
        int count = 0;
        for (OptimizerProvider p : providers()) {
            ConfigException e = assertThrows(ConfigException.class, () -> p.create(Config.of("lr", 3e8)), p.name());
            assertTrue(e.getMessage().startsWith(p.name() + ": 'lr' must be positive and at most 100.0"), e.getMessage());
            assertTrue(e.getMessage().endsWith("got 3.0E8"), e.getMessage());
            assertEquals(100.0, p.create(Config.of("lr", 100.0, "weight_decay", 0.0)).learningRate(),
                    p.name() + " takes the bound itself");
            count++;
        }
        assertEquals(8, count);
    }

    @Test
    void aWeightDecayOfOneOverTheRateOrMoreIsRefusedByEveryOptimizer() {
        for (OptimizerProvider p : providers()) {
            ConfigException huge = assertThrows(ConfigException.class,
                    () -> p.create(Config.of("lr", 1e-3, "weight_decay", 1e308)), p.name());
            assertTrue(huge.getMessage().startsWith(p.name() + ": 'weight_decay' must be below 1 / lr = 1000.0"),
                    huge.getMessage());
            assertThrows(ConfigException.class, () -> p.create(Config.of("lr", 0.1, "weight_decay", 10.0)), p.name());
            assertThrows(ConfigException.class,
                    () -> p.create(Config.of("lr", 0.1, "weight_decay", Double.POSITIVE_INFINITY)), p.name());
            assertThrows(ConfigException.class, () -> p.create(Config.of("lr", 0.1, "weight_decay", -1.0)), p.name());
            // Usual values pass: AdamW's 0.01 at 1e-3, SGD's 5e-4 at 0.1, and 9.99 at 0.1 (just below the bound).
            p.create(Config.of("lr", 1e-3, "weight_decay", 0.01));
            p.create(Config.of("lr", 0.1, "weight_decay", 5e-4));
            p.create(Config.of("lr", 0.1, "weight_decay", 9.99));
        }
    }

    @Test
    void momentumIsAFraction() {
        int count = 0;
        for (OptimizerProvider p : providers()) {
            if (p.name().equals("sgd") || p.name().equals("rmsprop")) {
                ConfigException e = assertThrows(ConfigException.class, () -> p.create(Config.of("momentum", 1e308)));
                assertEquals(p.name() + ": 'momentum' must be in [0, 1], got 1.0E308", e.getMessage());
                p.create(Config.of("momentum", 0.9));
                count++;
            }
        }
        assertEquals(2, count);
    }
}
