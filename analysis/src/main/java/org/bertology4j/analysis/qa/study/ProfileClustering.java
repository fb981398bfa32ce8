package org.bertology4j.analysis.qa.study;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k-means of per-question profiles with k chosen by the mean silhouette: k-means++ (commons-math3, seeded
 * {@code JDKRandomGenerator}, at most 300 iterations, Euclidean) for each k in [kMin, kMax], the k with the largest mean
 * silhouette kept (the smaller k on ties).
 *
 * @param k           the chosen number of clusters
 * @param assignments cluster of each profile (0-based, clusters numbered by decreasing size)
 * @param centroids   [k][dims]
 * @param silhouettes mean silhouette by k tried
 * @param silhouette  each profile's silhouette for the chosen k
 */
public record ProfileClustering(int k, int[] assignments, double[][] centroids, Map<Integer, Double> silhouettes, double[] silhouette) {

    /** Clusters {@code profiles} (at least 3); k in [kMin, min(kMax, n − 1)]. */
    public static ProfileClustering cluster(double[][] profiles, int kMin, int kMax, long seed) {
        int n = profiles.length;
        if (n < 3) throw new IllegalArgumentException("clustering needs at least 3 profiles, got " + n);
        if (kMin < 2 || kMax < kMin) throw new IllegalArgumentException("k range [" + kMin + ", " + kMax + "] must start at 2 or more");
        List<DoublePoint> points = new ArrayList<>();
        for (double[] p : profiles) points.add(new DoublePoint(p));
        Map<Integer, Double> scores = new LinkedHashMap<>();
        ProfileClustering best = null;
        for (int k = kMin; k <= Math.min(kMax, n - 1); k++) {
            JDKRandomGenerator rng = new JDKRandomGenerator();
            rng.setSeed(seed + k);
            List<CentroidCluster<DoublePoint>> clusters = new KMeansPlusPlusClusterer<DoublePoint>(k, 300, new EuclideanDistance(), rng)
                    .cluster(points);
            clusters.sort((a, b) -> Integer.compare(b.getPoints().size(), a.getPoints().size()));
            int[] assign = new int[n];
            double[][] centroids = new double[clusters.size()][];
            java.util.IdentityHashMap<DoublePoint, Integer> index = new java.util.IdentityHashMap<>();
            for (int i = 0; i < n; i++) index.put(points.get(i), i);
            for (int c = 0; c < clusters.size(); c++) {
                centroids[c] = clusters.get(c).getCenter().getPoint().clone();
                for (DoublePoint p : clusters.get(c).getPoints()) assign[index.get(p)] = c;
            }
            double[] s = silhouettes(profiles, assign, clusters.size());
            double mean = java.util.Arrays.stream(s).average().orElse(0);
            scores.put(k, mean);
            if (best == null || mean > best.silhouettes.get(best.k) + 1e-12) best = new ProfileClustering(clusters.size(), assign, centroids, scores, s);
        }
        return new ProfileClustering(best.k, best.assignments, best.centroids, scores, best.silhouette);
    }

    /** Silhouette of each point: (b − a) / max(a, b), a = mean distance within its cluster, b = to the nearest other (0 alone). */
    static double[] silhouettes(double[][] x, int[] assign, int k) {
        int n = x.length;
        double[] out = new double[n];
        int[] size = new int[k];
        for (int a : assign) size[a]++;
        for (int i = 0; i < n; i++) {
            double[] sum = new double[k];
            for (int j = 0; j < n; j++) if (j != i) sum[assign[j]] += distance(x[i], x[j]);
            int own = assign[i];
            if (size[own] <= 1) continue;
            double a = sum[own] / (size[own] - 1), b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) if (c != own && size[c] > 0) b = Math.min(b, sum[c] / size[c]);
            out[i] = Double.isInfinite(b) ? 0 : (b - a) / Math.max(a, b);
        }
        return out;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }
}
