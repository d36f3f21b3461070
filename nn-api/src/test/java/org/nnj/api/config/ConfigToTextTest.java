package org.nnj.api.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** {@link Config#toText()}: the one-line form that layer descriptions use and {@link Config#parse} reads. */
class ConfigToTextTest {

    @Test
    void entriesKeepTheirOrderAndIntegerListsUseTheSizeNotation() {
        Config c = Config.of("units", 128, "kernel", new int[] {5, 3}, "alpha", 0.2, "bias", false, "init", "he");
        assertEquals("units=128, kernel=5x3, alpha=0.2, bias=false, init=he", c.toText());
    }

    @Test
    void parseReadsTheTextBack() {
        Config c = Config.of("units", 128, "kernel", new int[] {5, 3}, "alpha", 0.2, "bias", false, "init", "he");
        Config back = Config.parse(c.toText());
        assertEquals(128, back.getInt("units"));
        assertArrayEquals(new int[] {5, 3}, back.getIntArray("kernel"));
        assertEquals(0.2, back.getDouble("alpha"));
        assertFalse(back.getBoolean("bias"));
        assertEquals("he", back.getString("init"));
    }

    @Test
    void anEmptyConfigIsEmptyText() {
        assertEquals("", Config.empty().toText());
    }
}
