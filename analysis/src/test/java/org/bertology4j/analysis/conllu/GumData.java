package org.bertology4j.analysis.conllu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where tests find UD English GUM. The whole corpus comes from the {@code gum.dir} system property (the parent POM
 * sets it to {@code ../shared/data/ud-english-gum} beside the checkout, which CI has); without it, tests read the
 * excerpt kept in this module's test resources ({@code gum-excerpt/}: 4 dev and 6 train documents with their
 * coreference annotation, under the treebank's licence), so that {@code mvn -B verify} passes on a clone alone.
 */
public final class GumData {
    public static final String DEV = "en_gum-ud-dev.conllu", TRAIN = "en_gum-ud-train.conllu";
    private static Path excerpt;

    private GumData() {}

    /** The directory holding {@value #DEV} and {@value #TRAIN}: the whole corpus if configured, else the excerpt. */
    public static synchronized Path dir() {
        Path full = fullDir();
        return full != null ? full : excerptDir();
    }

    public static Path dev() { return dir().resolve(DEV); }

    public static Path train() { return dir().resolve(TRAIN); }

    /** Whether {@link #dir()} is the whole corpus (tests that check whole-corpus counts need it). */
    public static boolean isFull() { return fullDir() != null; }

    /** Skips the calling test, saying why, unless the whole corpus is configured. */
    public static Path requireFull() {
        assumeTrue(isFull(), "needs the whole GUM corpus: -Dgum.dir=DIR (property now: '"
                + System.getProperty("gum.dir", "") + "'); the repository's excerpt is used otherwise");
        return fullDir();
    }

    private static Path fullDir() {
        String p = System.getProperty("gum.dir", "");
        if (p.isBlank()) return null;
        Path d = Path.of(p);
        return Files.isRegularFile(d.resolve(DEV)) && Files.isRegularFile(d.resolve(TRAIN)) ? d : null;
    }

    /** The excerpt as files: straight from test-classes, or copied once out of the test jar (other modules). */
    private static synchronized Path excerptDir() {
        if (excerpt != null) return excerpt;
        URL url = GumData.class.getResource("/gum-excerpt/" + DEV);
        if (url == null) throw new IllegalStateException("test resource gum-excerpt/ missing from the class path");
        try {
            if ("file".equals(url.getProtocol())) return excerpt = Path.of(url.toURI()).getParent();
            Path dir = Files.createTempDirectory("gum-excerpt");
            for (String name : new String[]{DEV, TRAIN, "LICENSE.txt"}) {
                try (InputStream in = GumData.class.getResourceAsStream("/gum-excerpt/" + name)) {
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return excerpt = dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
