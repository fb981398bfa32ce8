package org.bertology4j.core.deeplift;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

import java.util.ArrayList;
import java.util.List;

/**
 * k-means (k-means++ initialisation, seeded) over the per-layer score vectors of the tokens of a set
 * of attributions, as in the QA study: each real token of each example is one point
 * (s_0, …, s_L) of its layer scores, each layer's scores first divided by that example's Σ_t |s_n[t]|
 * so that examples with different Δtarget and length are comparable. Tokens then group by how their
 * share of the explanation evolves through the layers.
 */
public final class AttributionClustering {
    /** One clustered token. */
    public record Point(int example, int position, double[] vector, int cluster) {}

    /**
     * @param centroids centroid vectors [k][L+1]
     * @param points    every clustered token with its cluster index
     */
    public record Result(double[][] centroids, List<Point> points) {
        /** Cluster of each token of an example (−1 for tokens not clustered, e.g. padding). */
        public int[] assignments(int example, int length) {
            int[] a = new int[length];
            java.util.Arrays.fill(a, -1);
            for (Point p : points) if (p.example() == example) a[p.position()] = p.cluster();
            return a;
        }
    }

    private AttributionClustering() {}

    /**
     * @param attributions one per example
     * @param masks        attention mask of each example (only mask-1 tokens are clustered)
     * @param k            number of clusters
     * @param seed         seed of the k-means++ initialisation
     * @throws IllegalArgumentException when there are fewer tokens than clusters or shapes disagree
     */
    public static Result cluster(List<Attribution> attributions, List<int[]> masks, int k, long seed) {
        if (attributions.size() != masks.size()) {
            throw new IllegalArgumentException(attributions.size() + " attributions but " + masks.size() + " masks");
        }
        List<Tok> tokens = new ArrayList<>();
        for (int e = 0; e < attributions.size(); e++) {
            Attribution a = attributions.get(e);
            int[] mask = masks.get(e);
            if (mask.length != a.length()) {
                throw new IllegalArgumentException("example " + e + ": mask length " + mask.length + " != attribution length " + a.length());
            }
            double[] norm = new double[a.numLayers() + 1];
            for (int n = 0; n < norm.length; n++) {
                for (double s : a.layerScores()[n]) norm[n] += Math.abs(s);
                if (norm[n] == 0) norm[n] = 1;
            }
            for (int t = 0; t < mask.length; t++) {
                if (mask[t] != 1) continue;
                double[] v = new double[norm.length];
                for (int n = 0; n < v.length; n++) v[n] = a.layerScores()[n][t] / norm[n];
                tokens.add(new Tok(e, t, v));
            }
        }
        if (k <= 0 || tokens.size() < k) {
            throw new IllegalArgumentException("cannot form " + k + " clusters from " + tokens.size() + " tokens");
        }
        JDKRandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(seed);
        KMeansPlusPlusClusterer<Tok> km = new KMeansPlusPlusClusterer<>(k, 300, new EuclideanDistance(), rng);
        List<CentroidCluster<Tok>> clusters = km.cluster(tokens);
        double[][] centroids = new double[clusters.size()][];
        List<Point> points = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            centroids[c] = clusters.get(c).getCenter().getPoint().clone();
            for (Tok tk : clusters.get(c).getPoints()) points.add(new Point(tk.example, tk.position, tk.vector, c));
        }
        points.sort((p, q) -> p.example() != q.example() ? Integer.compare(p.example(), q.example()) : Integer.compare(p.position(), q.position()));
        return new Result(centroids, points);
    }

    private record Tok(int example, int position, double[] vector) implements Clusterable {
        @Override
        public double[] getPoint() { return vector; }
    }
}
