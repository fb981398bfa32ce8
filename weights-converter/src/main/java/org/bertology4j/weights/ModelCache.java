package org.bertology4j.weights;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converted models by name, under {@code $BERTOLOGY4J_HOME} (or {@code -Dbertology4j.home}) or
 * {@code ~/.cache/bertology4j}: {@code <root>/<name>/} is a {@link ModelDirectory}.
 */
public final class ModelCache {
    private final Path root;

    /** A cache rooted at {@code root}. */
    public ModelCache(Path root) { this.root = root; }

    /** The default cache: {@code -Dbertology4j.home}, {@code $BERTOLOGY4J_HOME}, else {@code ~/.cache/bertology4j}. */
    public static ModelCache defaultCache() {
        String prop = System.getProperty("bertology4j.home");
        if (prop != null && !prop.isBlank()) return new ModelCache(Path.of(prop));
        String env = System.getenv("BERTOLOGY4J_HOME");
        if (env != null && !env.isBlank()) return new ModelCache(Path.of(env));
        return new ModelCache(Path.of(System.getProperty("user.home"), ".cache", "bertology4j"));
    }

    /** The cache root. */
    public Path root() { return root; }

    /** Where a named model lives in this cache. */
    public Path dirFor(String name) { return root.resolve(name); }

    /**
     * A model directory for {@code nameOrDir}: an existing directory is returned as is; a known model name
     * ({@link ModelFetcher#knownNames()}) gives {@code <root>/<name>}, fetched and converted on first use.
     */
    public Path resolve(String nameOrDir) {
        Path asPath = Path.of(nameOrDir);
        if (Files.isDirectory(asPath)) return asPath;
        var known = ModelFetcher.known(nameOrDir).orElseThrow(() -> new WeightsException("'" + nameOrDir
                + "' is neither a model directory nor a known model name " + ModelFetcher.knownNames()));
        Path dir = dirFor(nameOrDir);
        if (Files.isDirectory(dir)) return dir;
        try {
            ModelFetcher.fetchAndConvert(known, dir);
        } catch (WeightsException e) {
            // another process may have converted it concurrently; the atomic move makes its result complete
            if (Files.isDirectory(dir)) return dir;
            throw e;
        }
        return dir;
    }

    /** {@link #resolve} then {@link ModelDirectory#open}. */
    public ModelDirectory open(String nameOrDir) { return ModelDirectory.open(resolve(nameOrDir)); }
}
