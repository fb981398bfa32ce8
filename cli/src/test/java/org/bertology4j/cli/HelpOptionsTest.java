package org.bertology4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command answers {@code --help} with its usage and exit code 0, before any model loads. */
class HelpOptionsTest {

    @Test
    void everySubcommandPrintsItsUsageOnHelp() {
        int checked = 0;
        for (String name : new CommandLine(new Main()).getSubcommands().keySet()) {
            if (name.equals("help")) continue;
            CliRun r = CliRun.of(name, "--help");
            assertEquals(0, r.code(), name + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: bertology4j " + name), name + ": " + r.out());
            checked++;
        }
        assertTrue(checked > 30, "commands checked: " + checked);
    }

    @Test
    void aSubcommandNamesTheVersion() {
        CliRun r = CliRun.of("bench", "-V");
        assertEquals(0, r.code(), r.err());
        assertEquals("bertology4j 0.1.0", r.out().strip());
    }
}
