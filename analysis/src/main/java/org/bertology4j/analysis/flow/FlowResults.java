package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.io.JsonFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The information-flow study (A_n, G_n, G*_n) on a CoNLL-U treebank: run the job of
 * {@link org.bertology4j.distributed.CorpusAnalyses#flow()} (options {@code every}, {@code measure}) with
 * {@link CorpusRunner}, then {@link #write} the report of one part (coref, pos or deps) with the full report and the
 * figures.
 */
public final class FlowResults {
    /** The parts of the report, each with its own file {@code flow-<part>.json}. */
    public static final List<String> PARTS = List.of("coref", "pos", "deps");

    private FlowResults() {}

    /**
     * Writes flow.json (the full report, coreference sample drawn with {@code seed}), {@code flow-<part>.json}, the
     * figures (with {@code plots}) and the run note {@code flow-timing.txt}.
     *
     * @param input the corpus as named in {@code flow-<part>.json}
     * @return the files written
     */
    public static List<Path> write(CorpusRunner.Result<FlowAccumulator> r, Path out, boolean plots, String part, long seed,
                                   String input) throws IOException {
        if (!PARTS.contains(part)) throw new IllegalArgumentException("unknown flow part '" + part + "'; one of " + PARTS);
        List<Path> written = new ArrayList<>();
        FlowReport report = r.accumulator().report(seed);
        JsonNode all = JsonFiles.MAPPER.readTree(report.toJson());
        ObjectNode run = run(r, report, input, seed);
        ObjectNode fullJson = JsonFiles.MAPPER.createObjectNode();
        fullJson.set("run", run);
        fullJson.setAll((ObjectNode) all);
        Path full = out.resolve("flow.json");
        AtomicFiles.writeString(full, JsonFiles.MAPPER.writeValueAsString(fullJson) + "\n");
        written.add(full);
        ObjectNode mine = JsonFiles.MAPPER.createObjectNode();
        mine.setAll(run);
        mine.set(part, all.get(part));
        mine.set("findings", all.get("findings"));
        if (part.equals("deps")) mine.set("correlation", all.get("correlation"));
        Path partFile = out.resolve("flow-" + part + ".json");
        JsonFiles.write(partFile, mine);
        written.add(partFile);
        if (plots) written.addAll(FlowPlots.write(out, report));
        Path timing = out.resolve("flow-timing.txt");
        AtomicFiles.writeString(timing, note(r));
        return written;
    }

    // what ran: model, input, sample, measure, and whether the run is complete
    private static ObjectNode run(CorpusRunner.Result<FlowAccumulator> r, FlowReport report, String input, long seed) {
        ObjectNode run = JsonFiles.MAPPER.createObjectNode();
        run.put("model", r.model());
        run.put("conllu", input);
        run.put("sentences_seen", report.sentencesSeen());
        run.put("skipped", report.skipped());
        run.put("analysed", report.sentencesSeen() - report.skipped());
        run.put("every", Integer.parseInt(r.job().option("every", "1")));
        String threshold = r.job().option("sample-threshold", null);
        if (threshold != null) {
            run.put("sample_seed", Long.parseLong(r.job().option("sample-seed", "1")));
            run.put("sample_threshold", threshold);
            run.put("sample_selected", Long.parseLong(r.job().option("sample-size", "-1")));
        }
        run.put("measure", r.job().option("measure", "ones"));
        run.put("coref_subsample_seed", seed);
        run.put("complete", r.complete());
        return run;
    }

    /** The run note (flow-timing.txt): sentences, time and engine time (or the distributed run). */
    public static String note(CorpusRunner.Result<FlowAccumulator> r) {
        FlowAccumulator acc = r.accumulator();
        int every = Integer.parseInt(r.job().option("every", "1"));
        if (r.distributed()) {
            return r.distributedNote(acc.sentencesSeen() + " sentences, every " + every + (every == 1 ? "st" : "th") + " sentence");
        }
        return String.format(Locale.ROOT, "flow: %d sentences (%d skipped) in %.0f s this session; engine %.0f s "
                        + "for %d pieces (%.2f s per sentence)%s%n", acc.sentencesSeen(), acc.skipped(), r.seconds(),
                r.engine().seconds(), r.engine().realTokens(),
                r.engine().seconds() / Math.max(1, acc.sentencesSeen() - acc.skipped() - r.resumed()),
                r.complete() ? "" : "\nPARTIAL: stopped at the time limit after " + acc.sentencesSeen() + " sentences; run the same "
                        + "command again to continue");
    }
}
