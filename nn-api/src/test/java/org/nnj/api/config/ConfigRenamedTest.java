package org.nnj.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;

/** {@link Config#renamed}, the step a provider's upgrade of an old config usually takes. */
class ConfigRenamedTest {

    @Test
    void theValueMovesToTheNewKeyAndTheRestStays() {
        Config old = Config.of("factor", 2.5, "bias", true);
        Config renamed = old.renamed("factor", "gain");
        assertEquals(Config.of("bias", true, "gain", 2.5), renamed);
        assertEquals(List.of("bias", "gain"), List.copyOf(renamed.keys()));
        assertEquals(Config.of("factor", 2.5, "bias", true), old); // configs are immutable
    }

    @Test
    void aMissingOldKeyLeavesTheConfigAsItIs() {
        Config c = Config.of("gain", 1.0);
        assertSame(c, c.renamed("factor", "gain"));
    }

    @Test
    void theOldValueReplacesOneUnderTheNewKeyAndTheOwnerStaysInMessages() {
        Config c = Config.of("factor", 3, "gain", 1).describedAs("layer 2 (scale)").renamed("factor", "gain");
        assertEquals(Config.of("gain", 3), c);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> c.requireOnly("scale"));
        assertTrue(e.getMessage().contains("layer 2 (scale)"), e.getMessage());
    }
}
