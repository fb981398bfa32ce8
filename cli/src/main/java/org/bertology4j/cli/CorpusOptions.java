package org.bertology4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Options shared by the corpus studies ({@code heads}, {@code coref}, {@code surface}, {@code cluster}). */
public final class CorpusOptions {
    @Option(names = "--conllu", required = true, paramLabel = "FILE", description = "CoNLL-U input (e.g. GUM dev).")
    Path conllu;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (results and the resume checkpoint).")
    Path out;

    @Option(names = "--lenient", description = "Skip (and count) malformed sentences instead of stopping.")
    boolean lenient;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "-1",
            description = "Use only the first N units (sentences for heads, documents for coref/surface/cluster).")
    long limit = -1;

    @Option(names = "--max-pieces", paramLabel = "N", defaultValue = "-1",
            description = "Longest input in word pieces (specials included); longer inputs are skipped and counted. "
                    + "Default: 512 for heads (the model limit), 128 for the segments of coref/surface/cluster (as Clark et al.).")
    int maxPieces = -1;

    @Option(names = "--checkpoint-seconds", paramLabel = "S", defaultValue = "60",
            description = "Seconds between checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointSeconds = 60;

    @Option(names = "--no-plots", description = "Skip the PNG figures.")
    boolean noPlots;

    /** Checks the input exists, applies the command's default piece limit and creates the output directory. */
    void prepare(int defaultMaxPieces) throws IOException {
        if (maxPieces == -1) maxPieces = defaultMaxPieces;
        if (!Files.isRegularFile(conllu)) throw new IOException("CoNLL-U file not found: " + conllu);
        if (limit == 0 || limit < -1) throw new IllegalArgumentException("--limit must be positive (got " + limit + ")");
        if (maxPieces < 3) throw new IllegalArgumentException("--max-pieces must be at least 3 (got " + maxPieces + ")");
        Files.createDirectories(out);
    }

    /** What identifies the run for resuming: the command, input (path and size), model and options. */
    ObjectNode identity(String command, String model) throws IOException {
        ObjectNode id = Json.MAPPER.createObjectNode();
        id.put("command", command);
        id.put("conllu", conllu.toAbsolutePath().normalize().toString());
        id.put("conllu_bytes", Files.size(conllu));
        id.put("model", model);
        id.put("lenient", lenient);
        id.put("limit", limit);
        id.put("max_pieces", maxPieces);
        return id;
    }
}
