package org.nnj.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.Provider;

class ServiceLoadingTest {

    private static List<String> names(List<? extends Provider> providers) {
        List<String> names = new ArrayList<>();
        providers.forEach(p -> names.add(p.name()));
        return names;
    }

    @Test
    void findsTheProvidersListedInMetaInfServices() {
        ClassLoader loader = getClass().getClassLoader();

        assertEquals(List.of("test_identity"), names(ServiceLoading.load(LayerProvider.class, loader)));
        assertEquals(List.of("test_scale"), names(ServiceLoading.load(ActivationProvider.class, loader)));
    }

    @Test
    void brokenProvidersAreSkippedWithAWarningAndTheOthersStillLoad() throws Exception {
        URL broken = getClass().getClassLoader().getResource("broken-plugins/");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("org.nnj.registry");
        logger.addHandler(handler);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {broken}, getClass().getClassLoader())) {
            ServiceLoading.Discovered<LayerProvider> found = ServiceLoading.discover(LayerProvider.class, loader);

            assertEquals(List.of("test_identity"), names(found.providers()));
            List<String> skipped = found.skipped();
            assertEquals(3, skipped.size(), skipped.toString());
            assertTrue(skipped.get(0).contains(ThrowingLayerProvider.class.getName()), skipped.get(0));
            assertTrue(skipped.get(0).contains("broken on purpose"), skipped.get(0));
            assertTrue(skipped.get(1).contains("org.nnj.core.registry.NoSuchProvider"), skipped.get(1));
            assertTrue(skipped.get(2).contains(Registries.class.getName()), skipped.get(2));
            assertTrue(skipped.get(2).contains("not a subtype"), skipped.get(2));

            List<String> warnings = new ArrayList<>();
            for (LogRecord r : records) {
                if (r.getLevel() == Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }
            assertEquals(skipped, warnings);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
