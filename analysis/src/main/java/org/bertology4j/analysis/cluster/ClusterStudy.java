package org.bertology4j.analysis.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.HeadLabels;
import org.bertology4j.analysis.surface.SurfaceAccumulator;
import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.analysis.surface.SurfaceStudy;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.plot.Plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Clark et al. section 6: Jensen-Shannon distances between all heads' attention on the paragraph pairs of
 * {@code surface}, embedded in 2-D (their Fig. 6), coloured by layer and by a behaviour label from the
 * surface statistics; metric or Kruskal's non-metric MDS ({@link Mds}). Run the job of {@link org.bertology4j.distributed.CorpusAnalyses#cluster()} with
 * {@link CorpusRunner}, then {@link #write} the result files.
 */
public final class ClusterStudy {
    private ClusterStudy() {}

    /** {@link #write(CorpusRunner.Result, Path, boolean, long, Mds)} with metric MDS. */
    public static List<Path> write(CorpusRunner.Result<SurfacePass> r, Path out, boolean plots, long seed) throws IOException {
        return write(r, out, plots, seed, Mds.METRIC);
    }

    /**
     * Embeds the distances ({@code mds} from random start {@code seed}) and writes cluster.json, cluster.md, surface.json
     * (without its figures) and, with {@code plots}, the two scatter plots.
     *
     * @throws IllegalStateException when no sequence was analysed
     */
    public static List<Path> write(CorpusRunner.Result<SurfacePass> r, Path out, boolean plots, long seed, Mds mds) throws IOException {
        String note = SurfaceStudy.note(r);
        SurfaceAccumulator surface = r.accumulator().surface();
        JensenShannonAccumulator distances = r.accumulator().distances();
        List<Path> written = new ArrayList<>(SurfaceStudy.write(surface, out, false, note));
        if (distances.sequences() == 0) throw new IllegalStateException("no sequence was analysed; nothing to cluster");
        double[][] d = distances.distances();
        int layers = surface.layers(), heads = surface.heads();
        if (layers * heads != d.length) throw new IllegalStateException("distance matrix size " + d.length + " != " + layers * heads);
        Smacof.Result map = mds.embed(d, seed);
        String[] behaviour = HeadBehaviour.labels(surface);
        ObjectNode json = JsonFiles.MAPPER.createObjectNode();
        json.put("sequences", distances.sequences()).put("tokens", distances.tokens());
        json.put("mds", mds.label()).put("stress", map.stress()).put("stress_kind", mds.stressName())
                .put("iterations", map.iterations()).put("seed", seed);
        // the paper, Sect. 6: "Heads within the same layer are often fairly close to each other"
        double inDistances = sameLayerNearest(d, heads), inMap = sameLayerNearest(euclidean(map.points()), heads);
        json.put("same_layer_nearest_share_distances", inDistances).put("same_layer_nearest_share_map", inMap);
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
        Path jp = out.resolve("cluster.json");
        JsonFiles.write(jp, json);
        written.add(jp);
        StringBuilder md = new StringBuilder("# Clustering attention heads (Clark et al. 2019, section 6)\n\n").append(note)
                .append(String.format(Locale.ROOT, "%n%s MDS (SMACOF), %s %.4g after %d iterations (seed %d).%n%n",
                        mds == Mds.METRIC ? "Metric" : "Non-metric (Kruskal)", mds.stressName(), map.stress(), map.iterations(), seed))
                .append("| Behaviour | Heads |\n|---|---|\n");
        for (String label : HeadBehaviour.LABELS) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < behaviour.length; i++) if (behaviour[i].equals(label)) members.add(HeadLabels.label(i / heads, i % heads));
            md.append("| ").append(label).append(" (").append(members.size()).append(") | ").append(String.join(" ", members)).append(" |\n");
        }
        md.append(nearestNeighbours(d, heads));
        md.append(String.format(Locale.ROOT, "Heads whose nearest other head is in their own layer: %.1f%% by the JS distances, "
                + "%.1f%% in the 2-D map (chance: %.1f%%).%n", 100 * inDistances, 100 * inMap, 100.0 * (heads - 1) / (d.length - 1)));
        Path mdp = out.resolve("cluster.md");
        AtomicFiles.writeString(mdp, md.toString());
        written.add(mdp);
        if (plots) {
            Path p1 = out.resolve("cluster-by-layer.png");
            Plots.scatter(p1, "Heads embedded by Jensen-Shannon distance, by layer", "x", "y", x, y, byLayer);
            Path p2 = out.resolve("cluster-by-behaviour.png");
            Plots.scatter(p2, "Heads embedded by Jensen-Shannon distance, by behaviour", "x", "y", x, y, behaviour);
            written.add(p1);
            written.add(p2);
        }
        return written;
    }

    /** Share of heads whose nearest other head (ties: lowest index) is in the same layer. */
    static double sameLayerNearest(double[][] d, int heads) {
        int same = 0;
        for (int i = 0; i < d.length; i++) {
            int best = -1;
            for (int j = 0; j < d.length; j++) if (j != i && (best < 0 || d[i][j] < d[i][best])) best = j;
            if (best / heads == i / heads) same++;
        }
        return (double) same / d.length;
    }

    /** Euclidean distances between points. */
    static double[][] euclidean(double[][] points) {
        double[][] e = new double[points.length][points.length];
        for (int i = 0; i < points.length; i++) for (int j = 0; j < points.length; j++) e[i][j] = Smacof.dist(points[i], points[j]);
        return e;
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
