package org.bertology4j.cli;

import org.bertology4j.analysis.attention.AttentionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code attention}: attention maps and hidden states of one input as .npy files plus per-layer heatmaps ({@link AttentionResult}). */
@Command(name = "attention", description = "Write attention.npy [layers, heads, T, T] (rows = attending token), "
        + "hidden.npy [layers+1, T, hidden], tokens.json and one PNG per layer (heads tiled).")
public final class AttentionCommand implements Callable<Integer> {
    @Mixin
    ModelInput modelInput;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--no-plots", description = "Skip the PNG heatmaps.")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        LoadedModel m = modelInput.open();
        CorpusOptions.print(AttentionResult.compute(m.model(), modelInput.input.encode(m.tokenizer())).write(out, !noPlots));
        return 0;
    }
}
