package org.bertology4j.cli;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.tokenizer.Encoding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ADAPTER, TO SWITCH AFTER THE MERGE (issue 20, items 4-6): the one place where {@code demo} and {@code report} reach
 * the analyses that are not library classes yet. The corpus analyses (heads, coref, surface, cluster, flow) are being
 * turned into library classes with results that write their own files (item 5), and the core is getting a fill-mask
 * helper (item 4); until then each method here calls what exists today (a command's static writer, or the command
 * line for the corpus analyses). Demo and report call only these methods, so after the merge each body becomes one
 * library call and neither command changes.
 */
final class PendingLibraryCalls {
    private PendingLibraryCalls() {}

    /** The JSON view of an encoding written as tokens.json. Switch to: the library's encoding JSON. */
    static Map<String, Object> tokens(Encoding e) {
        return TokenizeCommand.toJson(e);
    }

    /** Top-k masked-LM predictions for each [MASK]. Switch to: core's fill-mask helper. */
    static List<List<FillMaskCommand.Prediction>> fillMask(LoadedModel m, Encoding enc, int k) {
        return FillMaskCommand.predict(m, enc, k);
    }

    /** attention.npy, hidden.npy and one PNG per layer of one text into {@code dir}. Switch to: analysis/attention. */
    static List<Path> attention(LoadedModel m, String text, Path dir) throws IOException {
        return AttentionCommand.write(m, text, null, dir, true);
    }

    /** scores.npy, tokens.json, deeplift.json and deeplift.png of an attribution into {@code dir}. Switch to: the result's own writer. */
    static List<Path> deeplift(Attribution a, Encoding enc, Path dir) throws IOException {
        return DeepLiftCommand.write(a, enc, dir);
    }

    /** A_n, G_n and G*_n of one encoding into {@code dir}. Switch to: analysis/flow. */
    static List<Path> flow(LoadedModel m, Encoding enc, Path dir) throws IOException {
        return FlowCommand.write(FlowCommand.compute(m, enc, false), enc, dir, true);
    }

    /** The offline viewer page of one text, with flow. Switch to: the viewer package. */
    static Path view(LoadedModel m, String text, Path file) throws IOException {
        return ViewCommand.write(m, text, null, file, true, null);
    }

    /**
     * One corpus analysis of a CoNLL-U file into {@code dir} (resumable there): {@code heads}, {@code coref},
     * {@code surface}, {@code cluster} or {@code flow-coref}.
     *
     * @param limit sentences (heads, flow-coref) or documents (coref, surface, cluster); ≤ 0 for all
     * @param every for flow-coref, every K-th sentence (≤ 0: the analysis's default)
     * @return the equivalent command line, for reports
     * @throws IllegalStateException when the analysis fails (its message, today "exit N", goes into the report)
     * Switch to: the corpus pipeline's library classes (analysis/heads, coref, surface, cluster, flow).
     */
    static List<String> corpus(String analysis, LoadedModel m, Path conllu, Path dir, long limit, int every) {
        List<String> args = commandLine(analysis, m, conllu, dir, limit, every);
        int code = Main.run(args.toArray(String[]::new));
        if (code != 0) throw new IllegalStateException("exit " + code);
        return args;
    }

    /** The command line that runs {@link #corpus} from a shell (without {@code ./bertology4j}). */
    static List<String> commandLine(String analysis, LoadedModel m, Path conllu, Path dir, long limit, int every) {
        List<String> args = new ArrayList<>(List.of(analysis, "--model", m.directory().path().toString(),
                "--conllu", conllu.toString(), "--out", dir.toString()));
        if (limit > 0) args.addAll(List.of("--limit", String.valueOf(limit)));
        if (every > 0) args.addAll(List.of("--every", String.valueOf(every)));
        return args;
    }
}
