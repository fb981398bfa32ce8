package org.bertology4j.examples;

import org.bertology4j.weights.ModelCache;

import java.nio.file.Files;
import java.nio.file.Path;

/** The examples' first argument: a model directory, or a name in the model cache (default bert-base-uncased). */
final class Models {
    private Models() {}

    static Path resolve(String[] args) {
        String m = args.length > 0 ? args[0] : "bert-base-uncased";
        return Files.isDirectory(Path.of(m)) ? Path.of(m) : ModelCache.defaultCache().resolve(m);
    }
}
