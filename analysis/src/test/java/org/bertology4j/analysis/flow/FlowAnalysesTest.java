package org.bertology4j.analysis.flow;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.inference.TTest;
import org.bertology4j.analysis.conllu.Sentence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Each analysis on synthetic maps whose answers are known by construction. */
class FlowAnalysesTest {
    static final int LAYERS = 3;
    final List<Sentence> sents = FlowFixtures.sentences();

    // coreferent (noun, pronoun) pairs written out by hand, per sentence
    static final List<Set<List<Integer>>> COREF = List.of(Set.of(List.of(0, 2), List.of(5, 7)), Set.of(List.of(2, 4)), Set.of());

    private static double g(int si, int n, int t1, int t2) {
        boolean c = COREF.get(si).contains(List.of(t1, t2));
        return (c ? 10 : 1) + n + 0.01 * t1 - 0.003 * t2 + 0.1 * si;
    }

    @Test
    void corefSeparatesGroupsAndMatchesCommonsMath() {
        FlowAccumulator acc = new FlowAccumulator(LAYERS);
        for (int si = 0; si < sents.size(); si++) {
            int s = si;
            acc.add(sents.get(si), FlowFixtures.maps(sents.get(si), LAYERS, (n, a, b) -> 0.5,
                    (n, a, b) -> g(s, n, a, b), (n, a, b) -> -g(s, n, a, b)));
        }
        CorefFlowResult r = acc.report(7).coref();
        assertEquals(3, r.coreferentPairs());
        assertEquals(2, r.otherPairs());
        int[][] coref = {{0, 0, 2}, {0, 5, 7}, {1, 2, 4}}, other = {{0, 0, 7}, {1, 0, 4}};
        TTest tt = new TTest();
        for (int n = 0; n < LAYERS; n++) {
            double[] c = values(coref, n), o = values(other, n);
            WelchResult w = r.all().get("G").perLayer().get(n);
            assertEquals(mean(c), w.mean1(), 1e-12);
            assertEquals(mean(o), w.mean2(), 1e-12);
            assertEquals(tt.t(c, o), w.t(), 1e-9);
            assertEquals(tt.tTest(c, o), w.p(), 1e-9);
            assertTrue(w.t() > 0);
            assertEquals(-w.t(), r.all().get("G*").perLayer().get(n).t(), 1e-9);
            // attention constant: no difference, t undefined
            assertTrue(Double.isNaN(r.all().get("A").perLayer().get(n).t()));
        }
        // pooled = each pair's mean over layers: the layer term n averages to 1
        WelchResult pooled = r.all().get("G").pooled();
        assertEquals(mean(values(coref, 1)), pooled.mean1(), 1e-12);
        assertEquals(5, r.all().get("G").perLayer().size() + 2);

        // balanced: 2 of the 3 coreferent pairs, both other pairs
        assertEquals(2, r.balancedSize());
        WelchResult b = r.balanced().get("G").perLayer().get(0);
        assertEquals(2, b.n1());
        assertEquals(2, b.n2());
        assertEquals(mean(values(other, 0)), b.mean2(), 1e-12);
    }

    private double[] values(int[][] pairs, int n) {
        double[] v = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) v[i] = g(pairs[i][0], n, pairs[i][1], pairs[i][2]);
        return v;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    @Test
    void balancedSampleDoesNotDependOnShardOrder() {
        FlowAccumulator ab = new FlowAccumulator(LAYERS), ba = new FlowAccumulator(LAYERS);
        FlowAccumulator s1 = new FlowAccumulator(LAYERS), s2 = new FlowAccumulator(LAYERS);
        s1.add(sents.get(0), FlowFixtures.noisy(sents.get(0), LAYERS));
        s2.add(sents.get(1), FlowFixtures.noisy(sents.get(1), LAYERS));
        ab.merge(s1);
        ab.merge(s2);
        ba.merge(s2);
        ba.merge(s1);
        for (int seed = 0; seed < 5; seed++) {
            WelchResult x = ab.report(seed).coref().balanced().get("A").pooled();
            WelchResult y = ba.report(seed).coref().balanced().get("A").pooled();
            assertEquals(x.mean1(), y.mean1(), 1e-12);
            assertEquals(x.mean2(), y.mean2(), 1e-12);
        }
        // different seeds pick different coreferent pairs (2 of 3) at least once
        Set<Double> picks = new java.util.HashSet<>();
        for (int seed = 0; seed < 20; seed++) picks.add(ab.report(seed).coref().balanced().get("A").pooled().mean1());
        assertTrue(picks.size() > 1);
    }

    static final Set<String> OPEN = Set.of("ADJ", "ADV", "INTJ", "NOUN", "PROPN", "VERB");
    static final Set<String> CLOSED = Set.of("ADP", "AUX", "CCONJ", "DET", "NUM", "PART", "PRON", "SCONJ");

    private static double weight(String upos) {
        return OPEN.contains(upos) ? 2 : CLOSED.contains(upos) ? 1 : 0.25;
    }

    @Test
    void posImportanceIsColumnSum() {
        FlowAccumulator acc = new FlowAccumulator(LAYERS);
        for (Sentence s : sents) {
            acc.add(s, FlowFixtures.maps(s, LAYERS, (n, t1, t2) -> weight(s.words().get(t1).upos()) + n,
                    (n, t1, t2) -> t2 == t1 ? 1 : 0, (n, t1, t2) -> 1.0 / s.size()));
        }
        PosFlowResult r = acc.report(1).pos();
        for (int n = 0; n < LAYERS; n++) {
            List<Double> open = new ArrayList<>(), closed = new ArrayList<>();
            for (Sentence s : sents) {
                for (var w : s.words()) {
                    double imp = s.size() * (weight(w.upos()) + n); // W identical entries in the column
                    if (OPEN.contains(w.upos())) open.add(imp);
                    if (CLOSED.contains(w.upos())) closed.add(imp);
                }
            }
            double[] o = open.stream().mapToDouble(Double::doubleValue).toArray();
            double[] c = closed.stream().mapToDouble(Double::doubleValue).toArray();
            WelchResult w = r.openVsClosed().get("A").perLayer().get(n);
            assertEquals(o.length, w.n1());
            assertEquals(c.length, w.n2());
            assertEquals(mean(o), w.mean1(), 1e-12);
            assertEquals(new TTest().t(o, c), w.t(), 1e-9);
            // G is the identity: every word's importance is 1; G* columns sum to 1
            assertEquals(1.0, r.openVsClosed().get("G").perLayer().get(n).mean1(), 1e-12);
            assertEquals(1.0, r.openVsClosed().get("G*").perLayer().get(n).mean2(), 1e-12);
            // PUNCT is in neither class but has its own means: "!" in a 2-word sentence
            assertEquals(2 * (0.25 + n), r.perPos().get("A").get("PUNCT").layers()[n], 1e-12);
        }
        assertEquals(1, r.perPos().get("A").get("PUNCT").words());
        assertEquals(4, r.perPos().get("A").get("PRON").words()); // he, it, she, it
    }

    @Test
    void dependencyCorrelationAgainstGoldAndRightBranching() {
        FlowAccumulator acc = new FlowAccumulator(LAYERS);
        for (Sentence s : sents) {
            int[][] d = DependencyTrees.goldDistances(s);
            acc.add(s, FlowFixtures.maps(s, LAYERS, (n, t1, t2) -> Math.abs(t1 - t2) * (n + 1.0),
                    (n, t1, t2) -> -d[t1][t2] + n, (n, t1, t2) -> 1));
        }
        DependencyFlowResult r = acc.report(1).deps();
        assertEquals(1, r.skippedShort());
        double[] baseline = new double[2];
        for (int i = 0; i < 2; i++) {
            Sentence s = sents.get(i);
            int[][] d = DependencyTrees.goldDistances(s);
            List<double[]> xy = new ArrayList<>();
            for (int a = 0; a < s.size(); a++) for (int b = 0; b < s.size(); b++) if (a != b) xy.add(new double[]{d[a][b], Math.abs(a - b)});
            baseline[i] = new PearsonsCorrelation().correlation(xy.stream().mapToDouble(p -> p[0]).toArray(),
                    xy.stream().mapToDouble(p -> p[1]).toArray());
        }
        for (int n = 0; n < LAYERS; n++) {
            DependencyFlowResult.LayerR g = r.perLayer().get("G").get(n);
            assertEquals(2, g.gold().n());
            assertEquals(-1.0, g.gold().mean(), 1e-12);
            assertEquals(-(baseline[0] + baseline[1]) / 2, g.rightBranching().mean(), 1e-12);
            DependencyFlowResult.LayerR a = r.perLayer().get("A").get(n);
            assertEquals(1.0, a.rightBranching().mean(), 1e-12);
            assertEquals((baseline[0] + baseline[1]) / 2, a.gold().mean(), 1e-12);
            assertTrue(a.gold().low() <= a.gold().mean() && a.gold().mean() <= a.gold().high());
            assertEquals(0, r.perLayer().get("G*").get(n).gold().n()); // constant flow: no r
        }
        assertEquals(-1.0, r.layerMean().get("G").gold().mean(), 1e-12);
    }

    @Test
    void attentionGradientCorrelationDistribution() {
        FlowAccumulator acc = new FlowAccumulator(LAYERS);
        for (Sentence s : sents) {
            FlowFixtures.Entry a = (n, t1, t2) -> Math.sin(7 * n + 3 * t1 + t2 * t2);
            acc.add(s, FlowFixtures.maps(s, LAYERS, a, (n, t1, t2) -> 2 * a.at(n, t1, t2) + 1, (n, t1, t2) -> -a.at(n, t1, t2)));
        }
        AttentionGradientCorrelation.Result r = acc.report(1).correlation();
        assertEquals(3, r.attentionVsGradient().n());
        assertEquals(1.0, r.attentionVsGradient().mean(), 1e-12);
        assertEquals(1.0, r.attentionVsGradient().min(), 1e-12);
        assertEquals(3, r.attentionVsGradient().counts()[AttentionGradientCorrelation.BINS - 1]);
        assertEquals(-1.0, r.attentionVsGradientFromEmbeddings().max(), 1e-12);
        assertEquals(3, r.attentionVsGradientFromEmbeddings().counts()[0]);
    }

    @Test
    void mapsMustMatchTheSentence() {
        FlowAccumulator acc = new FlowAccumulator(LAYERS);
        FlowMaps wrong = FlowFixtures.noisy(sents.get(1), LAYERS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.add(sents.get(0), wrong));
        assertTrue(e.getMessage().contains("s1") && e.getMessage().contains("9 words"), e.getMessage());
        FlowMaps twoLayers = FlowFixtures.noisy(sents.get(0), 2);
        e = assertThrows(IllegalArgumentException.class, () -> acc.add(sents.get(0), twoLayers));
        assertTrue(e.getMessage().contains("2 layers, expected 3"), e.getMessage());
    }
}
