package org.bertology4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad option values fail before anything runs (no model is loaded: these take milliseconds), naming option and value. */
class OptionChecksTest {
    @TempDir
    Path tmp;

    private String run(int expectedExit, String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, Main.run(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void numbersOutOfRangeAreNamed() {
        assertTrue(run(2, "fill-mask", "--text", "a [MASK]", "--top", "-1").contains("error: --top -1: must be at least 1"));
        assertTrue(run(2, "heads", "--conllu", "x.conllu", "--out", tmp.toString(), "--limit", "-5")
                .contains("error: --limit -5: must be a count, or -1 for all"));
        assertTrue(run(2, "finetune", "--task", "gum-genre", "--out", tmp.toString(), "--dropout", "1")
                .contains("--dropout 1.0: must be in [0, 1)"));
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefusedBeforeAnyWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("results"), "not a directory");
        String err = run(2, "heads", "--conllu", "missing.conllu", "--out", file.toString());
        assertTrue(err.contains("error: --out " + file + ": a file of that name exists; --out is a directory here"), err);
        Path dir = Files.createDirectories(tmp.resolve("page"));
        err = run(2, "view", "--text", "a b", "--out", dir.toString());
        assertTrue(err.contains("is a directory; give the file to write"), err);
    }
}
