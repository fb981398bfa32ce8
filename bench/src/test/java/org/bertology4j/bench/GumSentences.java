package org.bertology4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The "# text = " sentences of GUM dev: the whole corpus from -Dgum.dir (the parent POM sets it beside the checkout,
 * as CI has it), else the excerpt kept in analysis's test resources (-Dgum.excerpt.dir; its first four documents are
 * GUM dev's, so the first 134 sentences are the same either way). The model comparisons take the first 10-32
 * sentences and so run on any checkout; the tokenizer comparisons cover all of GUM dev where it exists.
 */
final class GumSentences {
    private GumSentences() {}

    /** Whether {@link #dev()} reads the whole GUM dev (1575 sentences) rather than the excerpt (134). */
    static boolean whole() {
        return Files.isRegularFile(devIn("gum.dir"));
    }

    private static Path devIn(String property) {
        return Path.of(System.getProperty(property, "")).resolve("en_gum-ud-dev.conllu");
    }

    static List<String> dev() throws IOException {
        Path full = devIn("gum.dir"), excerpt = devIn("gum.excerpt.dir");
        Path f = whole() ? full : excerpt;
        assumeTrue(Files.isRegularFile(f), "neither GUM dev (" + full.toAbsolutePath() + ", -Dgum.dir=DIR) nor its excerpt ("
                + excerpt.toAbsolutePath() + ", -Dgum.excerpt.dir=DIR) found");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.startsWith("# text = ")) out.add(line.substring("# text = ".length()));
        }
        return out;
    }
}
