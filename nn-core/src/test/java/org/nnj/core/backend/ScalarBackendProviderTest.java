package org.nnj.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.core.registry.Registries;

class ScalarBackendProviderTest {
    private final ScalarBackendProvider provider = new ScalarBackendProvider();

    @Test
    void isTheAlwaysAvailableBaseline() {
        assertEquals("scalar", provider.name());
        assertEquals(0, provider.priority());
        assertTrue(provider.unavailableReason().isEmpty());
    }

    @Test
    void threadsDefaultToTheProcessorsAndCanBeSet() {
        assertEquals(Runtime.getRuntime().availableProcessors(), provider.create(Config.empty()).threads());
        assertEquals(3, provider.create(Config.of("threads", 3)).threads());
    }

    @Test
    void badOrUnknownKeysAreRejectedNamingThem() {
        ConfigException e = assertThrows(ConfigException.class, () -> provider.create(Config.of("threads", 0)));
        assertTrue(e.getMessage().contains("scalar backend: 'threads' must be at least 1, got 0"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> provider.create(Config.of("thread", 2)));
        assertTrue(e.getMessage().contains("unknown key [thread]"), e.getMessage());
    }

    @Test
    void isRegisteredInMetaInfServices() {
        ComputeBackendProvider found = Registries.fromServiceLoader().backends().get("scalar");
        assertEquals(ScalarBackendProvider.class, found.getClass());
    }
}
