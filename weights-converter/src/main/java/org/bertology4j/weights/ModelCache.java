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
     * Whether {@code nameOrDir} names a model of the cache (a known name, {@link ModelFetcher#knownNames()}) rather
     * than a directory. A known name always means the cache's copy, even where the working directory holds a folder of
     * that name: write {@code ./NAME} (anything with a path separator) for the folder.
     */
    public static boolean isModelName(String nameOrDir) {
        return ModelFetcher.known(nameOrDir).isPresent() && !nameOrDir.contains("/") && !nameOrDir.contains(java.io.File.separator);
    }

    /**
     * A model directory for {@code nameOrDir}: a known model name ({@link #isModelName}) gives {@code <root>/<name>},
     * fetched and converted on first use; anything else must be an existing model directory.
     *
     * @throws WeightsException naming the known models when {@code nameOrDir} is neither
     */
    public Path resolve(String nameOrDir) {
        if (!isModelName(nameOrDir)) {
            Path asPath = Path.of(nameOrDir);
            if (Files.isDirectory(asPath)) return asPath;
            throw new WeightsException("'" + nameOrDir + "' is neither a model directory nor a known model name; known: "
                    + String.join(", ", ModelFetcher.knownNames()));
        }
        var known = ModelFetcher.known(nameOrDir).orElseThrow();
        ModelConverter.removeStaleTemporaries(root);
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
