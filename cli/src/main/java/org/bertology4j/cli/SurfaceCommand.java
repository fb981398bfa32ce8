package org.bertology4j.cli;

import org.bertology4j.plot.HeadPlots;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.ModelAttentionSource;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.surface.SurfaceAccumulator;
import org.bertology4j.analysis.surface.GradientAccumulator;
import org.bertology4j.analysis.surface.AttentionGradientSource;
import org.bertology4j.analysis.surface.EngineMaskedLmGradients;
import org.bertology4j.analysis.surface.SurfaceAnalysis;
import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.corpus.Checkpoint;
import org.bertology4j.corpus.CorpusRun;
import org.bertology4j.corpus.Limited;
import org.bertology4j.corpus.TimedAttentionSource;
import org.bertology4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code surface}: Clark et al. section 3, per-head surface statistics (attention to previous/next token, [CLS],
 * [SEP], punctuation, entropies) over paragraph pairs {@code [CLS] p1 [SEP] p2 [SEP]}, and the mean |dLoss/dA| of
 * the masked-LM loss per layer for attention to [SEP], to punctuation and to other tokens (their Fig. 3).
 */
@Command(name = "surface", description = "Per-head surface statistics of attention (Clark et al. 2019, section 3) on "
        + "paragraph pairs: writes surface.json, surface.md, one 12x12 heatmap per statistic and per-layer curves; resumable.")
public final class SurfaceCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--max-sequences", paramLabel = "N", defaultValue = "1000",
            description = "Stop after N paragraph-pair sequences (Clark et al. used 1000). Default: ${DEFAULT-VALUE}.")
    long maxSequences = 1000;

    @Option(names = "--no-gradients", description = "Skip the masked-LM gradient part (one backward pass per sequence).")
    boolean noGradients;

    @Mixin
    SparkOption spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(128);
        Result r = run("surface", modelOption, corpus, maxSequences, false, !noGradients, spark, spec);
        List<Path> written = write(r.pass().surface(), corpus.out, !corpus.noPlots, r.note());
        if (r.pass().gradients() != null) written.addAll(writeGradients(r.pass().gradients(), corpus.out, !corpus.noPlots));
        written.forEach(p -> System.out.println("wrote " + p));
        return 0;
    }

    /** The accumulated pass, with a note on the run for reports. */
    record Result(SurfacePass pass, String note) {}

    /**
     * The shared pass of {@code surface} and {@code cluster}: resumable in this process, or through Spark with
     * {@code --spark} (every segment of the documents; a sequence cap is refused there, see docs/spark.md).
     */
    static Result run(String command, ModelOption modelOption, CorpusOptions corpus, long maxSequences, boolean withDistances,
                      boolean withGradients, SparkOption spark, CommandSpec spec) throws IOException {
        if (spark.enabled()) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--max-sequences")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-sequences is a sequential cap and cannot be used with --spark, "
                        + "which analyses every segment of the documents; limit the documents with --limit N instead");
            }
            return SparkRuns.surface(command, modelOption, corpus, withGradients, spark);
        }
        return run(command, LoadedModel.open(modelOption), corpus, maxSequences, withDistances, withGradients);
    }

    /** The shared resumable pass of {@code surface} and {@code cluster} in this process. */
    static Result run(String command, LoadedModel m, CorpusOptions corpus, long maxSequences, boolean withDistances,
                      boolean withGradients) throws IOException {
        long t0 = System.nanoTime();
        int layers = m.model().config().numHiddenLayers(), heads = m.model().config().numAttentionHeads();
        ObjectNode identity = corpus.identity(command, m.identity());
        identity.put("max_sequences", maxSequences);
        identity.put("gradients", withGradients);
        Checkpoint cp = new Checkpoint(corpus.out.resolve(command + ".checkpoint.json"), identity);
        SurfacePass pass = cp.load().map(saved -> SurfacePass.fromJson(saved.state()))
                .orElseGet(() -> SurfacePass.create(layers, heads, withDistances, withGradients));
        AttentionGradientSource gradientSource = !withGradients ? null
                : new EngineMaskedLmGradients(m.model(), m.tokenizer().vocabulary().maskId());
        long done = pass.sequences();
        if (done > 0) System.err.println(command + ": resuming from " + cp.file() + " (" + done + " sequences done)");
        TimedAttentionSource model = new TimedAttentionSource(new ModelAttentionSource(m.model()));
        try (ConlluReader reader = ConlluReader.open(corpus.conllu, corpus.lenient);
             CorpusRun run = new CorpusRun(cp, pass::toJson, CorpusProgress.start(command, "seq", maxSequences, done),
                     Duration.ofSeconds(corpus.checkpointSeconds), done).stopOnShutdown()) {
            SurfaceAnalysis.run(Limited.of(reader.documents(), corpus.limit), m.tokenizer()::encodeWords, model,
                    gradientSource, corpus.maxPieces, maxSequences, pass, 0, s -> run.unitDone(1));
            run.finish();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String note = String.format(Locale.ROOT, "Model: %s. Input: %s. Sequences: %d paragraph pairs of at most %d pieces. "
                        + "Run time this session: %.0f s, forward passes %.0f s (%.0f%%).%n",
                m.identity(), corpus.conllu, pass.sequences(), corpus.maxPieces, seconds, model.seconds(), 100 * model.seconds() / seconds);
        return new Result(pass, note);
    }

    /** Writes surface.json, surface.md, one heatmap per statistic and the per-layer curves. */
    static List<Path> write(SurfaceAccumulator s, Path out, boolean plots, String note) throws IOException {
        List<Path> written = new ArrayList<>();
        Path jp = out.resolve("surface.json");
        Json.write(jp, s.resultJson());
        written.add(jp);
        Path md = out.resolve("surface.md");
        AtomicFiles.writeString(md, "# Surface statistics of attention heads (Clark et al. 2019, section 3)\n\n" + note + "\n" + markdown(s));
        written.add(md);
        if (!plots || s.sequences() == 0) return written;
        Map<String, double[][]> shares = new LinkedHashMap<>(), entropies = new LinkedHashMap<>();
        for (int k = 0; k < SurfaceAccumulator.STATS.length; k++) {
            String stat = SurfaceAccumulator.STATS[k];
            double[][] v = perHead(s, k);
            Path png = out.resolve("surface-" + stat.replace('_', '-') + ".png");
            HeadPlots.layerHeadHeatmap(png, stat + (stat.contains("entropy") ? " (nats)" : " (mean attention)"), v);
            written.add(png);
            (stat.contains("entropy") ? entropies : shares).put(stat, v);
        }
        Path curves = out.resolve("surface-per-layer.png");
        HeadPlots.perLayerCurves(curves, "Mean over heads per layer", "mean attention", shares);
        written.add(curves);
        Path ent = out.resolve("surface-entropy-per-layer.png");
        HeadPlots.perLayerCurves(ent, "Mean attention entropy per layer", "nats", entropies);
        written.add(ent);
        return written;
    }

    /** Writes surface-gradients.json and the per-layer curves of mean |dLoss/dA| by attention target (Clark Fig. 3). */
    static List<Path> writeGradients(GradientAccumulator g, Path out, boolean plots) throws IOException {
        List<Path> written = new ArrayList<>();
        int layers = g.layers();
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("definition", "mean |dLoss/dA| per layer over heads, rows and attention targets of each kind; loss = mean "
                + "masked-LM cross-entropy over 15% of the content pieces replaced by [MASK] (seeded per sequence)");
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (int k = 0; k < GradientAccumulator.TARGETS.length; k++) {
            double[] v = new double[layers];
            for (int l = 0; l < layers; l++) v[l] = g.mean(l, k);
            curves.put(GradientAccumulator.TARGETS[k], v);
            var arr = json.putArray(GradientAccumulator.TARGETS[k]);
            for (double x : v) arr.add(x);
        }
        Path jp = out.resolve("surface-gradients.json");
        Json.write(jp, json);
        written.add(jp);
        if (plots) {
            double[] x = new double[layers];
            for (int l = 0; l < layers; l++) x[l] = l + 1;
            Path png = out.resolve("surface-gradients.png");
            org.bertology4j.plot.Plots.lineChart(png, "Gradient of the masked-LM loss w.r.t. attention (Clark Fig. 3)",
                    "layer", "mean |dLoss/dA|", x, curves);
            written.add(png);
        }
        return written;
    }

    static double[][] perHead(SurfaceAccumulator s, int stat) {
        double[][] v = new double[s.layers()][s.heads()];
        for (int l = 0; l < s.layers(); l++)
            for (int h = 0; h < s.heads(); h++) v[l][h] = s.mean(l, h, stat);
        return v;
    }

    /** Per-layer means of each statistic, plus the heads with the largest value of each. */
    static String markdown(SurfaceAccumulator s) {
        StringBuilder sb = new StringBuilder("Per-layer mean over heads:\n\n| Layer |");
        for (String st : SurfaceAccumulator.STATS) sb.append(' ').append(st).append(" |");
        sb.append("\n|---:|").append("---:|".repeat(SurfaceAccumulator.STATS.length)).append('\n');
        for (int l = 0; l < s.layers(); l++) {
            sb.append("| ").append(l + 1).append(" |");
            for (int k = 0; k < SurfaceAccumulator.STATS.length; k++) {
                double m = 0;
                for (int h = 0; h < s.heads(); h++) m += s.mean(l, h, k);
                sb.append(String.format(Locale.ROOT, " %.3f |", m / s.heads()));
            }
            sb.append('\n');
        }
        sb.append("\nHeads with the largest value (head: value):\n\n| Statistic | Top heads |\n|---|---|\n");
        for (int k = 0; k < SurfaceAccumulator.STATS.length; k++) {
            final int stat = k;
            List<int[]> hs = new ArrayList<>();
            for (int l = 0; l < s.layers(); l++) for (int h = 0; h < s.heads(); h++) hs.add(new int[]{l, h});
            hs.sort((a, b) -> Double.compare(s.mean(b[0], b[1], stat), s.mean(a[0], a[1], stat)));
            sb.append("| ").append(SurfaceAccumulator.STATS[k]).append(" |");
            for (int i = 0; i < 5 && i < hs.size(); i++) {
                int[] x = hs.get(i);
                sb.append(String.format(Locale.ROOT, " %d-%d: %.2f", x[0] + 1, x[1] + 1, s.mean(x[0], x[1], stat)));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }
}
