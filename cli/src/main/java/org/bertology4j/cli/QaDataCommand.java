package org.bertology4j.cli;

import org.bertology4j.analysis.qa.QaDataBuilder;
import org.bertology4j.analysis.qa.SquadWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code qa-data}: a SQuAD 2.0 data set generated from a CoNLL-U treebank, with its statistics beside it. */
@Command(name = "qa-data", description = {
        "Generate SQuAD 2.0 JSON from a CoNLL-U treebank: one paragraph per # newpar, who/what/when/where/how-many "
                + "questions from subjects, objects, obliques, agents and numbers, unanswerable questions borrowed "
                + "from other paragraphs. Writes FILE.json and FILE.stats.json (counts per rule, skips by reason).",
        "Rules and failure rates: docs/qa.md."})
public final class QaDataCommand implements Callable<Integer> {
    @Option(names = "--conllu", required = true, paramLabel = "FILE", description = "The treebank (CoNLL-U, UTF-8).")
    Path conllu;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "The SQuAD 2.0 JSON to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "" + QaDataBuilder.DEFAULT_SEED, description = "Seeds the choice of unanswerable questions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--unanswerable-share", defaultValue = "" + QaDataBuilder.DEFAULT_UNANSWERABLE_SHARE, paramLabel = "X",
            description = "Share of unanswerable questions in [0, 1) (default ${DEFAULT-VALUE}, as SQuAD 2.0's dev set).")
    double unanswerableShare;

    @Override
    public Integer call() throws Exception {
        QaDataBuilder.Result r = new QaDataBuilder(seed, unanswerableShare).build(conllu);
        SquadWriter.write(out, r.dataset());
        Path stats = statsFile(out);
        Json.write(stats, r.stats().toJson());
        System.out.print(r.stats().table());
        System.out.println("wrote " + out + " and " + stats);
        return 0;
    }

    /** {@code x.json} -> {@code x.stats.json} (any other name gets {@code .stats.json} appended). */
    static Path statsFile(Path out) {
        String name = out.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return out.resolveSibling(base + ".stats.json");
    }
}
