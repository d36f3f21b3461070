package org.nnj.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nnj.api.ProviderException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.core.registry.ProviderRegistry;

class BackendSelectorTest {
    private static final String SIMD_HINT = "start the JVM with --add-modules jdk.incubator.vector";

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
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

    @BeforeEach
    void captureLog() {
        Logger.getLogger("org.nnj").addHandler(handler);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("org.nnj").removeHandler(handler);
    }

    private static ProviderRegistry<ComputeBackendProvider> registry(ComputeBackendProvider... providers) {
        return ProviderRegistry.of("backend", ComputeBackendProvider.class, List.of(providers));
    }

    private static final ComputeBackendProvider SCALAR = new ScalarBackendProvider();
    private static final ComputeBackendProvider SIMD_MISSING = new FakeBackendProvider("simd", 10, SIMD_HINT);
    private static final ComputeBackendProvider SIMD = new FakeBackendProvider("simd", 10, null);

    @Test
    void highestAvailablePriorityWinsAndOneInfoLineSaysSo() {
        ComputeBackend b = BackendSelector.select(registry(SCALAR, SIMD, new FakeBackendProvider("slow", -5, null)),
                Config.of("threads", 2), null, null);

        assertEquals(2, b.threads());
        assertEquals(1, records.size());
        assertEquals(Level.INFO, records.get(0).getLevel());
        assertEquals("NNJ backend: scalar (2 threads); chosen by priority 10", records.get(0).getMessage());
        assertSame(SIMD, BackendSelector.choose(registry(SCALAR, SIMD), null, null).provider());
    }

    @Test
    void unavailableBetterBackendIsNamedWithItsReasonInTheOneLine() {
        ComputeBackend b = BackendSelector.select(registry(SCALAR, SIMD_MISSING), Config.of("threads", 1), null, null);

        assertEquals("scalar", b.name());
        assertEquals(1, records.size());
        assertEquals("NNJ backend: scalar (1 thread); chosen by priority 0; simd unavailable: " + SIMD_HINT,
                records.get(0).getMessage());
        // DESIGN.md: a JVM without the Vector API still works, with a warning that says how to turn SIMD on.
        assertEquals(Level.WARNING, records.get(0).getLevel());
    }

    @Test
    void unavailableWorseBackendIsNotMentioned() {
        BackendSelector.Selection s = BackendSelector.choose(
                registry(SCALAR, new FakeBackendProvider("gpu", -1, "no GPU")), null, null);

        assertSame(SCALAR, s.provider());
        assertEquals("chosen by priority 0", s.reason());
        assertFalse(s.betterSkipped());
    }

    @Test
    void tiesGoToTheFirstNameSoTheChoiceIsStable() {
        ComputeBackendProvider b = new FakeBackendProvider("b_backend", 5, null);
        ComputeBackendProvider a = new FakeBackendProvider("a_backend", 5, null);
        assertSame(a, BackendSelector.choose(registry(b, a, SCALAR), null, null).provider());
    }

    @Test
    void propertyValueForcesABackendByName() {
        BackendSelector.Selection s = BackendSelector.choose(registry(SCALAR, SIMD), null, "scalar");

        assertSame(SCALAR, s.provider());
        assertEquals("forced by -Dnnj.backend=scalar", s.reason());
    }

    @Test
    void explicitNameWinsOverThePropertyValue() {
        BackendSelector.Selection s = BackendSelector.choose(registry(SCALAR, SIMD), "simd", "scalar");

        assertSame(SIMD, s.provider());
        assertEquals("forced by name", s.reason());
    }

    @Test
    void blankForcedNamesMeanAutomatic() {
        assertSame(SIMD, BackendSelector.choose(registry(SCALAR, SIMD), " ", "").provider());
    }

    @Test
    void unknownForcedNameListsTheKnownBackends() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> BackendSelector.select(registry(SCALAR, SIMD), Config.empty(), null, "cuda"));

        assertTrue(e.getMessage().contains("unknown backend 'cuda'"), e.getMessage());
        assertTrue(e.getMessage().contains("[scalar, simd]"), e.getMessage());
        assertTrue(records.isEmpty());
    }

    @Test
    void forcedButUnavailableBackendFailsWithItsReason() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> BackendSelector.select(registry(SCALAR, SIMD_MISSING), Config.empty(), null, "simd"));

        assertEquals("backend 'simd' was forced by -Dnnj.backend=simd but cannot run in this JVM: " + SIMD_HINT,
                e.getMessage());
    }

    @Test
    void noBackendAtAllIsAClearError() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> BackendSelector.choose(registry(), null, null));
        assertTrue(e.getMessage().contains("no compute backend is registered"), e.getMessage());

        e = assertThrows(ProviderException.class, () -> BackendSelector.choose(registry(SIMD_MISSING), null, null));
        assertEquals("no compute backend can run in this JVM: simd unavailable: " + SIMD_HINT, e.getMessage());
    }

    @Test
    void systemPropertyIsReadWhenNoValueIsGiven() {
        String previous = System.getProperty(BackendSelector.PROPERTY);
        System.setProperty(BackendSelector.PROPERTY, "scalar");
        try {
            ComputeBackend b = BackendSelector.select(registry(SCALAR, SIMD), Config.of("threads", 1));
            assertEquals("scalar", b.name());
            assertEquals("NNJ backend: scalar (1 thread); forced by -Dnnj.backend=scalar",
                    records.get(0).getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(BackendSelector.PROPERTY);
            } else {
                System.setProperty(BackendSelector.PROPERTY, previous);
            }
        }
    }
}
