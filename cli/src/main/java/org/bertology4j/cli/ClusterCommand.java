package org.bertology4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.HeadLabels;
import org.bertology4j.analysis.cluster.HeadBehaviour;
import org.bertology4j.analysis.cluster.JensenShannonAccumulator;
import org.bertology4j.analysis.surface.SurfaceAccumulator;
import org.bertology4j.analysis.cluster.Smacof;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.plot.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cluster}: Clark et al. section 6, Jensen-Shannon distances between all heads' attention on the same
 * paragraph pairs as {@code surface}, embedded in 2-D with SMACOF (their Fig. 6), coloured by layer and by a
 * behaviour label from the surface statistics.
 */
@Command(name = "cluster", description = "Jensen-Shannon distances between heads and their 2-D SMACOF map (Clark et al. "
        + "2019, section 6): writes cluster.json, cluster.md, surface.json and two scatter plots; resumable.")
public final class ClusterCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--max-sequences", paramLabel = "N", defaultValue = "1000",
            description = "Stop after N paragraph-pair sequences (each costs ~1.7e8 logarithms for 144 heads). Default: ${DEFAULT-VALUE}.")
    long maxSequences = 1000;

    @Option(names = "--seed", defaultValue = "1", description = "SMACOF random start. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Mixin
    SparkOption spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(128);
        SurfaceCommand.Result r = SurfaceCommand.run("cluster", modelOption, corpus, maxSequences, true, false, spark, spec);
        SurfaceAccumulator surface = r.pass().surface();
        JensenShannonAccumulator distances = r.pass().distances();
        List<Path> written = new ArrayList<>(SurfaceCommand.write(surface, corpus.out, false, r.note()));
        if (distances.sequences() == 0) throw new IllegalStateException("no sequence was analysed; nothing to cluster");
        double[][] d = distances.distances();
        Smacof.Result map = Smacof.embed(d, 2, seed, 1000, 1e-7);
        String[] behaviour = HeadBehaviour.labels(surface);
        int layers = surface.layers(), heads = surface.heads();
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("sequences", distances.sequences()).put("tokens", distances.tokens());
        json.put("stress", map.stress()).put("iterations", map.iterations()).put("seed", seed);
        ObjectNode hs = json.putObject("heads");
        double[] x = new double[d.length], y = new double[d.length];
        String[] byLayer = new String[d.length];
        for (int i = 0; i < d.length; i++) {
            x[i] = map.points()[i][0];
            y[i] = map.points()[i][1];
            byLayer[i] = String.format(Locale.ROOT, "layer %02d", i / heads + 1);
            hs.putObject(HeadLabels.label(i / heads, i % heads)).put("x", x[i]).put("y", y[i]).put("behaviour", behaviour[i]);
        }
        ArrayNode dist = json.putArray("distances");
        for (double[] row : d) {
            ArrayNode a = dist.addArray();
            for (double v : row) a.add(v);
        }
        Path jp = corpus.out.resolve("cluster.json");
        Json.write(jp, json);
        written.add(jp);
        StringBuilder md = new StringBuilder("# Clustering attention heads (Clark et al. 2019, section 6)\n\n").append(r.note())
                .append(String.format(Locale.ROOT, "%nSMACOF stress %.4g after %d iterations (seed %d).%n%n", map.stress(), map.iterations(), seed))
                .append("| Behaviour | Heads |\n|---|---|\n");
        for (String label : HeadBehaviour.LABELS) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < behaviour.length; i++) if (behaviour[i].equals(label)) members.add(HeadLabels.label(i / heads, i % heads));
            md.append("| ").append(label).append(" (").append(members.size()).append(") | ").append(String.join(" ", members)).append(" |\n");
        }
        md.append(nearestNeighbours(d, heads));
        Path mdp = corpus.out.resolve("cluster.md");
        AtomicFiles.writeString(mdp, md.toString());
        written.add(mdp);
        if (!corpus.noPlots) {
            Path p1 = corpus.out.resolve("cluster-by-layer.png");
            Plots.scatter(p1, "Heads embedded by Jensen-Shannon distance, by layer", "x", "y", x, y, byLayer);
            Path p2 = corpus.out.resolve("cluster-by-behaviour.png");
            Plots.scatter(p2, "Heads embedded by Jensen-Shannon distance, by behaviour", "x", "y", x, y, behaviour);
            written.add(p1);
            written.add(p2);
        }
        written.forEach(p -> System.out.println("wrote " + p));
        if (layers * heads != d.length) throw new IllegalStateException("distance matrix size " + d.length + " != " + layers * heads);
        return 0;
    }

    /** Mean JS distance to heads of the same layer vs other layers (Clark: heads in the same layer are often similar). */
    static String nearestNeighbours(double[][] d, int heads) {
        double same = 0, other = 0;
        long ns = 0, no = 0;
        for (int i = 0; i < d.length; i++)
            for (int j = 0; j < d.length; j++) {
                if (i == j) continue;
                if (i / heads == j / heads) { same += d[i][j]; ns++; } else { other += d[i][j]; no++; }
            }
        return String.format(Locale.ROOT, "%nMean summed JS distance between heads of the same layer: %.4g; of different layers: %.4g.%n",
                same / ns, other / no);
    }
}
