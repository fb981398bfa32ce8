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
        Path full = out.resolve("flow.json");
        report.write(full);
        written.add(full);
        JsonNode all = JsonFiles.MAPPER.readTree(report.toJson());
        ObjectNode mine = JsonFiles.MAPPER.createObjectNode();
        mine.put("model", r.model());
        mine.put("conllu", input);
        mine.put("sentences_seen", report.sentencesSeen());
        mine.put("skipped", report.skipped());
        mine.put("every", Integer.parseInt(r.job().option("every", "1")));
        mine.put("measure", r.job().option("measure", "ones"));
        mine.set(part, all.get(part));
        if (part.equals("deps")) mine.set("correlation", all.get("correlation"));
        Path partFile = out.resolve("flow-" + part + ".json");
        JsonFiles.write(partFile, mine);
        written.add(partFile);
        if (plots) written.addAll(FlowPlots.write(out, report));
        Path timing = out.resolve("flow-timing.txt");
        AtomicFiles.writeString(timing, note(r));
        return written;
    }

    /** The run note (flow-timing.txt): sentences, time and engine time (or the distributed run). */
    public static String note(CorpusRunner.Result<FlowAccumulator> r) {
        FlowAccumulator acc = r.accumulator();
        int every = Integer.parseInt(r.job().option("every", "1"));
        if (r.distributed()) {
            return r.distributedNote(acc.sentencesSeen() + " sentences, every " + every + (every == 1 ? "st" : "th") + " sentence");
        }
        return String.format(Locale.ROOT, "flow: %d sentences (%d skipped) in %.0f s this session; engine %.0f s "
                        + "for %d pieces (%.2f s per sentence)%n", acc.sentencesSeen(), acc.skipped(), r.seconds(),
                r.engine().seconds(), r.engine().realTokens(),
                r.engine().seconds() / Math.max(1, acc.sentencesSeen() - acc.skipped() - r.resumed()));
    }
}
