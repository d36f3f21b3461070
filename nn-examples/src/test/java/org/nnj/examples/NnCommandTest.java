package org.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line builds only the subcommand a run names, and every one when the run names none. */
class NnCommandTest {
    private static Set<String> built(String... args) {
        return NnCommand.commandLine(new NnCommand(Map.of()), args).getSubcommands().keySet();
    }

    @Test
    void aRunBuildsOnlyItsSubcommand() {
        assertEquals(Set.of("train"), built("train", "--epochs", "1"));
        assertEquals(Set.of("predict"), built("--debug", "predict", "--help"));
    }

    @Test
    void thePluginOptionsValueIsNotTakenForTheSubcommand() {
        assertEquals(Set.of("plugins"), built("--plugin", "train", "plugins"));
    }

    @Test
    void withoutAKnownSubcommandEveryOneIsBuilt() {
        Set<String> all = NnCommand.commandLine(new NnCommand(Map.of())).getSubcommands().keySet();
        assertEquals(16, all.size());
        assertEquals(all, built());
        assertEquals(all, built("--help"));
        assertEquals(all, built("trian"));
    }

    @Test
    void aMisspeltSubcommandStillGetsItsSuggestion() {
        StringWriter err = new StringWriter();
        int code = Main.run(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "trian");
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("nn: Unmatched argument at index 0: 'trian'; did you mean train or "),
                err.toString());
    }
}
