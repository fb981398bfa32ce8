package org.bertology4j.analysis.probe;

import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ArcProbeTest {

    static ArcFeatures randomFeatures(int k, int n, Random r) {
        double[][][] f = new double[k][n][n + 1];
        for (double[][] a : f) for (double[] row : a) for (int c = 0; c <= n; c++) row[c] = r.nextDouble();
        return new ArcFeatures(f);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random r = new Random(5);
        int k = 3, n = 4;
        ArcFeatures f = randomFeatures(k, n, r);
        int[] gold = {1, -1, 1, 2};
        for (int dim : new int[]{0, 2}) {
            ArcProbe p = new ArcProbe(k, dim, 0.002);
            double[] w = p.parameters();
            for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
            double[][] v = dim == 0 ? null : new double[n][dim];
            if (v != null) for (double[] x : v) for (int j = 0; j < dim; j++) x[j] = r.nextGaussian();
            double[] grad = new double[w.length];
            p.loss(f, v, gold, grad);
            for (int i = 0; i < w.length; i++) {
                double keep = w[i], h = 1e-6;
                w[i] = keep + h;
                double up = p.loss(f, v, gold, null);
                w[i] = keep - h;
                double down = p.loss(f, v, gold, null);
                w[i] = keep;
                assertEquals((up - down) / (2 * h), grad[i], 1e-6, "dim " + dim + " param " + i);
            }
        }
    }

    @Test
    void aRestoredProbeContinuesExactlyLikeTheOriginal() {
        Random r = new Random(9);
        int k = 3, n = 5, dim = 2;
        int[] gold = {1, -1, 1, 2, 0};
        double[][] v = new double[n][dim];
        for (double[] x : v) for (int j = 0; j < dim; j++) x[j] = r.nextGaussian();
        List<ArcFeatures> data = new ArrayList<>();
        for (int i = 0; i < 6; i++) data.add(randomFeatures(k, n, r));
        ArcProbe straight = new ArcProbe(k, dim, 0.01), first = new ArcProbe(k, dim, 0.01);
        for (ArcFeatures f : data) straight.train(f, v, gold);
        for (ArcFeatures f : data.subList(0, 3)) first.train(f, v, gold);
        ArcProbe resumed = ArcProbe.fromJson(first.toJson());
        for (ArcFeatures f : data.subList(3, 6)) resumed.train(f, v, gold);
        assertArrayEquals(straight.parameters(), resumed.parameters(), 0.0);
        assertEquals(straight.sentences(), resumed.sentences());
        var broken = first.toJson();
        broken.put("parameters", java.util.Base64.getEncoder().encodeToString(new byte[16]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArcProbe.fromJson(broken));
        assertTrue(e.getMessage().contains("parameters"), e.getMessage());
    }

    static List<Sentence> gum(String file, int max) throws IOException {
        List<Sentence> out = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(GumData.dir().resolve(file), false)) {
            for (Sentence s : r) { if (out.size() == max) break; out.add(s); }
        }
        return out;
    }

    @Test
    void learnsAnOracleFeatureAndIgnoresNoise() throws IOException {
        Random r = new Random(11);
        // Feature 0: 1 on the gold head (root column for the root word); feature 1: noise.
        ProbeAnalysis.FeatureSource oracle = s -> {
            int n = s.size();
            double[][][] f = new double[2][n][n + 1];
            for (int d = 0; d < n; d++) {
                int h = s.words().get(d).head();
                f[0][d][h == 0 ? n : h - 1] = 1;
                for (int c = 0; c <= n; c++) f[1][d][c] = r.nextDouble();
            }
            return new ArcFeatures(f);
        };
        List<Sentence> train = gum("en_gum-ud-train.conllu", 240), dev = gum("en_gum-ud-dev.conllu", 130);
        ArcProbe p = ProbeAnalysis.train(train, oracle, null, 0.004);   // the excerpt has 242 train sentences
        assertEquals(240, p.sentences());
        assertTrue(p.parameters()[0] > 0.5 && Math.abs(p.parameters()[1]) < p.parameters()[0], java.util.Arrays.toString(p.parameters()));
        ProbeAnalysis.Uas uas = ProbeAnalysis.evaluate(p, dev, oracle, null);
        assertEquals(1.0, uas.value(), 0.0);
        long nonPunct = dev.stream().flatMap(s -> s.words().stream()).filter(w -> !w.upos().equals("PUNCT")).count();
        assertEquals(nonPunct, uas.total());
        // The distance + word-vector baseline with constant vectors learns the commonest offsets: better than chance.
        WordVectors ones = GloveVectors.of(Map.of(), 2);
        ArcProbe d = ProbeAnalysis.train(train, ProbeAnalysis.distances(), ones, 0.002);
        double distUas = ProbeAnalysis.evaluate(d, dev, ProbeAnalysis.distances(), ones).value();
        assertTrue(distUas > 0.25 && distUas < 0.9, "distance UAS " + distUas);
    }

    @Test
    void rightBranchingOnAHandMadeSentence() {
        String c = "1\ta\ta\tX\tX\t_\t2\tdet\t_\t_\n2\tb\tb\tX\tX\t_\t0\troot\t_\t_\n3\tc\tc\tX\tX\t_\t2\tobj\t_\t_\n4\t.\t.\tPUNCT\tX\t_\t2\tpunct\t_\t_\n";
        Sentence s = new ConlluReader(new StringReader(c), "t", false).next();
        // a -> b right; b -> c wrong; c -> "." wrong; "." excluded.
        ProbeAnalysis.Uas u = ProbeAnalysis.rightBranching(List.of(s));
        assertEquals(1, u.correct());
        assertEquals(3, u.total());
    }

    @Test
    void attentionFeaturesMergeSpecialsIntoTheRoot() {
        // pieces [CLS] a b [SEP]; one head.
        float[][] m = {{0.5f, 0.25f, 0.25f, 0}, {0.1f, 0.2f, 0.3f, 0.4f}, {0, 1, 0, 0}, {0.2f, 0.6f, 0, 0.2f}};
        ArcFeatures f = AttentionArcFeatures.of(new SentenceAttention(new float[][][][]{{m}}), WordUnits.of(new int[]{-1, 0, 1, -1}));
        assertEquals(2, f.size());
        assertEquals(0.3, f.values()[0][0][1], 1e-7);      // a attends to b
        assertEquals(1.0, f.values()[1][0][1], 1e-7);      // b attends to a
        assertEquals(0.5, f.values()[0][0][2], 1e-7);      // a -> root = 0.1 + 0.4
        assertEquals((0.25 + 0.6) / 2, f.values()[1][0][2], 1e-7); // root -> a = mean of [CLS], [SEP] rows
    }

    @Test
    void gloveFileAndItsErrors(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("g.txt");
        Files.writeString(ok, "the 1 2\ncat 3 4\n");
        GloveVectors g = GloveVectors.read(ok);
        assertEquals(2, g.dimension());
        Sentence s = new ConlluReader(new StringReader("1\tThe\tthe\tX\tX\t_\t0\troot\t_\t_\n2\tdog\tdog\tX\tX\t_\t1\tdep\t_\t_\n"), "t", false).next();
        assertArrayEquals(new double[]{1, 2}, g.vectors(s)[0]);
        assertArrayEquals(new double[]{0, 0}, g.vectors(s)[1]);
        Path bad = dir.resolve("b.txt");
        Files.writeString(bad, "the 1 2\ncat 3\n");
        IOException e = assertThrows(IOException.class, () -> GloveVectors.read(bad));
        assertTrue(e.getMessage().contains("b.txt:2"), e.getMessage());
    }
}
