package org.bertology4j.cli;

import org.bertology4j.analysis.attention.AttentionResult;
import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code attention}: attention maps and hidden states of one input as .npy files plus per-layer heatmaps ({@link AttentionResult}). */
@Command(name = "attention", description = "Write attention.npy [layers, heads, T, T] (rows = attending token), "
        + "hidden.npy [layers+1, T, hidden], tokens.json and one PNG per layer (heads tiled).")
public final class AttentionCommand extends SingleInputCommand {
    @Option(names = "--no-plots", description = "Skip the PNG heatmaps.")
    boolean noPlots;

    @Override
    List<Path> write(LoadedModel m, Encoding encoding, Path out) throws IOException {
        return AttentionResult.compute(m.model(), encoding).write(out, !noPlots);
    }
}
