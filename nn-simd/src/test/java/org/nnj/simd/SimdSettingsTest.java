package org.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.simd.species.Species;

class SimdSettingsTest {

    private static SimdSettings of(Map<String, String> properties) {
        return SimdSettings.from(properties::get);
    }

    private static String failure(String property, String value) {
        return assertThrows(ConfigException.class, () -> of(Map.of(property, value))).getMessage();
    }

    @Test
    void nothingSetMeansTheMachinesChoicesAndFiftyMicrosecondsOfSpinning() {
        SimdSettings s = of(Map.of());
        assertEquals(0, s.bits());
        assertEquals(0, s.gemmVectorsAcross());
        assertEquals(50, s.spinMicros());
        assertEquals(SimdSettings.WarmUp.AUTO, s.warmUp());
        assertTrue(s.sparse());
        assertEquals(s.bits(), of(Map.of(SimdSettings.BITS, "  ")).bits(), "blank counts as unset");
    }

    @Test
    void readsEveryAllowedValue() {
        SimdSettings s = of(Map.of(SimdSettings.BITS, " 256 ", SimdSettings.GEMM_NV, "4", SimdSettings.SPIN_MICROS, "0"));
        assertEquals(256, s.bits());
        assertEquals(4, s.gemmVectorsAcross());
        assertEquals(0, s.spinMicros());
        SimdSettings t = of(Map.of(SimdSettings.BITS, "512", SimdSettings.GEMM_NV, "2",
                SimdSettings.SPIN_MICROS, "1000000"));
        assertEquals(512, t.bits());
        assertEquals(2, t.gemmVectorsAcross());
        assertEquals(1_000_000, t.spinMicros());
        assertEquals(SimdSettings.WarmUp.AUTO, of(Map.of(SimdSettings.WARM_UP, "auto")).warmUp());
        assertEquals(SimdSettings.WarmUp.OFF, of(Map.of(SimdSettings.WARM_UP, " off ")).warmUp());
        assertEquals(SimdSettings.WarmUp.SCALAR, of(Map.of(SimdSettings.WARM_UP, "scalar")).warmUp());
        assertTrue(of(Map.of(SimdSettings.SPARSE, "on")).sparse());
        assertFalse(of(Map.of(SimdSettings.SPARSE, "off ")).sparse());
    }

    @Test
    void aBadValueIsOneLineNamingThePropertyTheAllowedValuesAndTheValue() {
        assertEquals("system property nnj.simd.bits must be 256 or 512 (bits of a vector), got \"128\"",
                failure(SimdSettings.BITS, "128"));
        assertEquals("system property nnj.simd.gemm.nv must be 2 or 4 (vectors across the GEMM register tile),"
                + " got \"3\"", failure(SimdSettings.GEMM_NV, "3"));
        assertEquals("system property nnj.simd.spinMicros must be a whole number of microseconds from 0 to"
                + " 1000000, got \"-1\"", failure(SimdSettings.SPIN_MICROS, "-1"));
        // Integer.getInteger and Long.getLong, which read these before, took such values silently as unset.
        assertEquals("system property nnj.simd.spinMicros must be a whole number of microseconds from 0 to"
                + " 1000000, got \"50us\"", failure(SimdSettings.SPIN_MICROS, "50us"));
        assertEquals("system property nnj.simd.gemm.nv must be 2 or 4 (vectors across the GEMM register tile),"
                + " got \"four\"", failure(SimdSettings.GEMM_NV, "four"));
        assertEquals("system property nnj.simd.warmUp must be auto, off or scalar, got \"OFF\"",
                failure(SimdSettings.WARM_UP, "OFF"));
        assertEquals("system property nnj.simd.sparse must be on or off, got \"false\"",
                failure(SimdSettings.SPARSE, "false"));
    }

    @Test
    void theKernelsUseTheSettingsOfThisJvm() {
        // The build runs the tests with nnj.simd.bits=512 and again with 256 (see the pom).
        SimdSettings jvm = SimdSettings.get();
        assertEquals(jvm.bits() == 0 ? Species.FLOAT.vectorBitSize() : jvm.bits(), Species.FLOAT.vectorBitSize());
        assertEquals(of(Map.of(SimdSettings.BITS, String.valueOf(System.getProperty(SimdSettings.BITS, "")))).bits(),
                jvm.bits());
    }
}
