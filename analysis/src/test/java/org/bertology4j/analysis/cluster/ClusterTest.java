package org.bertology4j.analysis.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.SyntheticAttention;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ClusterTest {

    @Test
    void divergenceKnownValues() {
        assertEquals(0.0, JensenShannonAccumulator.divergence(new double[]{0.3, 0.7}, new double[]{0.3, 0.7}), 1e-15);
        assertEquals(Math.log(2), JensenShannonAccumulator.divergence(new double[]{1, 0}, new double[]{0, 1}), 1e-15);
        // p = (1/2, 1/2), q = (1, 0): m = (3/4, 1/4)
        double expected = 0.5 * (0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25)) + 0.5 * Math.log(1 / 0.75);
        assertEquals(expected, JensenShannonAccumulator.divergence(new double[]{0.5, 0.5}, new double[]{1, 0}), 1e-15);
    }

    static SentenceAttention random(int layers, int heads, int t, Random r) {
        float[][][][] w = new float[layers][heads][t][t];
        for (float[][][] l : w) for (float[][] m : l) for (float[] row : m) {
            double s = 0;
            for (int j = 0; j < t; j++) s += row[j] = (float) Math.pow(r.nextDouble(), 4);
            for (int j = 0; j < t; j++) row[j] /= s;
        }
        return new SentenceAttention(w);
    }

    @Test
    void accumulatorMatchesDirectSmoothedDivergences() throws Exception {
        Random r = new Random(7);
        SentenceAttention a = random(2, 2, 5, r), b = random(2, 2, 7, r);
        JensenShannonAccumulator acc = new JensenShannonAccumulator(2, 2);
        acc.add(a);
        acc.add(b);
        double[][] d = acc.distances();
        for (int x = 0; x < 4; x++) {
            assertEquals(0.0, d[x][x]);
            for (int y = 0; y < 4; y++) {
                double direct = 0;
                for (SentenceAttention s : new SentenceAttention[]{a, b}) {
                    int t = s.length();
                    for (int i = 0; i < t; i++) {
                        double[] p = new double[t], q = new double[t];
                        for (int j = 0; j < t; j++) {
                            p[j] = 0.999 * s.map(x / 2, x % 2)[i][j] + 0.001 / t;
                            q[j] = 0.999 * s.map(y / 2, y % 2)[i][j] + 0.001 / t;
                        }
                        direct += JensenShannonAccumulator.divergence(p, q);
                    }
                }
                assertEquals(direct, d[x][y], 1e-9, x + "," + y);
            }
        }
        assertEquals(12, acc.tokens());
        JensenShannonAccumulator s1 = new JensenShannonAccumulator(2, 2), s2 = new JensenShannonAccumulator(2, 2);
        s1.add(a);
        s2.add(b);
        s1.merge(s2);
        for (int x = 0; x < 4; x++) assertArrayEquals(d[x], s1.distances()[x], 1e-12);
        ObjectMapper om = new ObjectMapper();
        JensenShannonAccumulator back = JensenShannonAccumulator.fromJson(om.readTree(om.writeValueAsString(acc.toJson())));
        for (int x = 0; x < 4; x++) assertArrayEquals(d[x], back.distances()[x], 0);
    }

    @Test
    void identicalHeadsHaveZeroDistance() {
        int t = 6;
        float[][] prev = SyntheticAttention.pointing(new int[]{0, 0, 1, 2, 3, 4});
        SentenceAttention a = new SentenceAttention(new float[][][][]{{prev, prev, SyntheticAttention.uniform(t)}});
        JensenShannonAccumulator acc = new JensenShannonAccumulator(1, 3);
        acc.add(a);
        assertEquals(0.0, acc.distances()[0][1], 1e-12);
        assertTrue(acc.distances()[0][2] > 0.1);
    }

    @Test
    void smacofRecoversAPlanarConfiguration() {
        Random r = new Random(3);
        int n = 12;
        double[][] pts = new double[n][2];
        for (double[] p : pts) { p[0] = r.nextGaussian(); p[1] = r.nextGaussian(); }
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d[i][j] = Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
        Smacof.Result res = Smacof.embed(d, 2, 42, 5000, 1e-12);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                assertEquals(d[i][j], Smacof.dist(res.points()[i], res.points()[j]), 1e-3, i + "," + j);
        // Seeded: same seed, same embedding.
        Smacof.Result again = Smacof.embed(d, 2, 42, 5000, 1e-12);
        assertArrayEquals(res.points()[3], again.points()[3], 0);
        double[][] bad = {{0, 1}, {2, 0}};
        assertThrows(IllegalArgumentException.class, () -> Smacof.embed(bad, 2, 1, 10, 1e-9));
    }

    @Test
    void isotonicRegressionPoolsAdjacentViolators() {
        double[] y = {1, 3, 2, 4, 0, 6};
        Smacof.isotonic(y);
        // (3,2) -> 2.5, then (4,0) pools with the block before it: (2.5*2 + 4 + 0)/4 = 2.25
        assertArrayEquals(new double[]{1, 2.25, 2.25, 2.25, 2.25, 6}, y, 1e-12);
        double[] sorted = {0, 1, 1, 2};
        Smacof.isotonic(sorted);
        assertArrayEquals(new double[]{0, 1, 1, 2}, sorted, 0);
    }

    /** Share of pairs of pairs (i<j, k<l) whose dissimilarities and embedded distances are in the same order. */
    static double orderAgreement(double[][] d, double[][] x) {
        int n = d.length;
        long agree = 0, all = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++)
            for (int k = 0; k < n; k++) for (int l = k + 1; l < n; l++) {
                if (i * n + j >= k * n + l) continue;
                all++;
                if (Math.signum(d[i][j] - d[k][l]) == Math.signum(Smacof.dist(x[i], x[j]) - Smacof.dist(x[k], x[l]))) agree++;
            }
        return (double) agree / all;
    }

    @Test
    void nonMetricMdsRecoversTheOrderOfAMonotoneTransform() {
        // Dissimilarities = exp(3 * planar distance): a monotone but strongly non-linear transform of a 2-D configuration.
        Random r = new Random(5);
        int n = 15;
        double[][] pts = new double[n][2];
        for (double[] p : pts) { p[0] = r.nextGaussian(); p[1] = r.nextGaussian(); }
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            d[i][j] = i == j ? 0 : Math.exp(3 * Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]));
        }
        Smacof.Result nonMetric = Mds.NON_METRIC.embed(d, 1), metric = Mds.METRIC.embed(d, 1);
        double nm = orderAgreement(d, nonMetric.points()), m = orderAgreement(d, metric.points());
        assertTrue(nm > 0.99, "non-metric keeps the order: " + nm);
        assertTrue(nonMetric.stress() < 0.02, "Kruskal stress-1 " + nonMetric.stress());
        assertTrue(nm > m, "metric MDS bends the order of a non-linear transform: " + m + " vs " + nm);
        assertArrayEquals(nonMetric.points()[4], Mds.NON_METRIC.embed(d, 1).points()[4], 0);
        assertEquals(Mds.NON_METRIC, Mds.of("non-metric"));
        assertThrows(IllegalArgumentException.class, () -> Mds.of("kruskal"));
    }

    @Test
    void sameLayerNearestCountsHeadsWhoseNearestNeighbourSharesTheirLayer() {
        // 2 layers x 2 heads on a line: 0 and 1 close (layer 1), 2 near 1, 3 far
        double[][] pts = {{0, 0}, {1, 0}, {1.5, 0}, {10, 0}};
        double[][] d = ClusterStudy.euclidean(pts);
        assertEquals(5.0, d[1][3] - d[0][1] * 4, 1e-12);
        // nearest: 0->1 (same), 1->2 (other), 2->1 (other), 3->2 (same)
        assertEquals(0.5, ClusterStudy.sameLayerNearest(d, 2), 0.0);
    }
}
