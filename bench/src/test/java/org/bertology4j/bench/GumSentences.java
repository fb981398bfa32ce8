package org.bertology4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The "# text = " sentences of GUM dev, from -Dgum.dir (the parent POM sets it beside the checkout, as CI has it). */
final class GumSentences {
    private GumSentences() {}

    static List<String> dev() throws IOException {
        Path f = Path.of(System.getProperty("gum.dir", "")).resolve("en_gum-ud-dev.conllu");
        assumeTrue(Files.isRegularFile(f), "GUM dev not found at " + f.toAbsolutePath() + " (-Dgum.dir=DIR)");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.startsWith("# text = ")) out.add(line.substring("# text = ".length()));
        }
        return out;
    }
}
