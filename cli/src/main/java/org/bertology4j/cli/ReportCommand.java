package org.bertology4j.cli;

import org.bertology4j.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code report}: runs the corpus analyses on a CoNLL-U file (each into its own resumable subdirectory, so results
 * already there are reused) and gathers their tables and figures into one self-contained HTML report
 * ({@link HtmlReport}). The analyses run through the library ({@link ReportAnalyses}), not through other commands or
 * {@link Main#run}.
 */
@Command(name = "report", description = "Run the corpus analyses (heads, coref, surface, cluster, flow) and gather "
        + "their tables and figures into one offline HTML report (DIR/report.html) with the settings and the model's identity.")
public final class ReportCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;

    @Mixin ConlluInput input;
    @Mixin OutputDirectory output;

    @Option(names = "--limit", defaultValue = "-1", paramLabel = "N", description = "Sentences for heads and flow (default all).")
    long limit;

    @Option(names = "--doc-limit", defaultValue = "-1", paramLabel = "N", description = "Documents for coref, surface, cluster (default all).")
    long docLimit;

    @Option(names = "--flow-every", defaultValue = "20", paramLabel = "K",
            description = "The flow study analyses every K-th sentence (G* of every pair is expensive). Default: ${DEFAULT-VALUE}.")
    int flowEvery;

    @Option(names = "--skip", split = ",", paramLabel = "NAME", description = "Analyses to leave out: heads, coref, surface, cluster, flow.")
    Set<String> skip = Set.of();

    /** One analysis of the report: its name (subdirectory), the analysis it runs, heading and explanation. */
    record Part(String name, String command, String heading, String text, boolean documents) {}

    static final List<Part> PARTS = List.of(
            new Part("heads", "heads", "Single heads as dependency parsers (Clark et al. 2019, 4.2)",
                    "Accuracy of the best head per relation in both directions against the best fixed offset.", false),
            new Part("coref", "coref", "Coreference (Clark et al. 2019, 4.3)",
                    "Antecedent selection accuracy of the best head beside the three baselines, by mention type.", true),
            new Part("surface", "surface", "Surface-level patterns (Clark et al. 2019, 3)",
                    "Attention to previous/next/self/[CLS]/[SEP]/punctuation and entropies per head.", true),
            new Part("cluster", "cluster", "Clustering of heads (Clark et al. 2019, 6)",
                    "Jensen-Shannon distances between heads embedded in 2-D by metric MDS.", true),
            new Part("flow", "flow-coref", "Information flow (A, G, G*)",
                    "Flow from nouns into later pronouns, open vs closed class importance and dependency-distance correlations.", false));

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input.conllu)) throw new IllegalArgumentException("CoNLL-U file not found: " + input.conllu);
        for (String s : skip) {
            if (PARTS.stream().noneMatch(p -> p.name().equals(s))) throw new IllegalArgumentException("unknown --skip '" + s + "'");
        }
        Files.createDirectories(output.out);
        LoadedModel m = LoadedModel.open(modelOption); // resolves (and fetches) once, and gives the identity
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("model", m.name());
        settings.put("model directory", m.directory().path().toString());
        settings.put("weights sha256", m.weightsHash());
        settings.put("config", m.model().config().toString());
        settings.put("input", input.conllu.toAbsolutePath().toString());
        settings.put("sentence limit", limit > 0 ? String.valueOf(limit) : "all");
        settings.put("document limit", docLimit > 0 ? String.valueOf(docLimit) : "all");
        settings.put("flow sample", "every " + flowEvery + "th sentence");
        HtmlReport report = new HtmlReport("bertology4j report", settings);
        List<String> failed = new ArrayList<>();
        for (Part p : PARTS) {
            if (skip.contains(p.name())) continue;
            Path dir = output.out.resolve(p.name());
            long lim = p.documents() ? docLimit : limit;
            int every = p.name().equals("flow") ? flowEvery : 0;
            List<String> args = ReportAnalyses.commandLine(p.command(), m, input.conllu, dir, lim, every);
            System.err.println("report: " + String.join(" ", args));
            String text = p.text() + "\n\nCommand: `./bertology4j " + String.join(" ", args) + "`";
            try {
                ReportAnalyses.run(p.command(), m, input.conllu, dir, lim, every);
            } catch (RuntimeException e) {
                failed.add(p.name());
                text += "\n\n**This analysis failed (" + e.getMessage() + "); see the console output.**";
            }
            report.section(p.heading(), text, dir);
        }
        Path html = output.out.resolve("report.html");
        report.write(html);
        System.out.println("wrote " + html);
        if (!failed.isEmpty()) {
            System.err.println("report: these analyses failed: " + failed);
            return 1;
        }
        return 0;
    }
}
