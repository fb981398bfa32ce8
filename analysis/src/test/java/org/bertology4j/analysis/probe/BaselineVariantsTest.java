package org.bertology4j.analysis.probe;

import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.weights.MapTensorSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The paper's two Table 3 baselines: the hidden-layer distance network and the random-init model with pre-trained embeddings. */
class BaselineVariantsTest {
    @TempDir
    Path tmp;

    @Test
    void distanceFeaturesAsDocumented() {
        // sentence of 5 words, dependent 1
        assertArrayEquals(new double[]{1 / 5.0, 0, 1, 0, 0, 0, 0}, DistanceNetworkProbe.features(1, 2, 5));
        assertArrayEquals(new double[]{0, 1 / 5.0, 0, 1, 0, 0, 0}, DistanceNetworkProbe.features(1, 0, 5));
        assertArrayEquals(new double[]{2 / 5.0, 0, 0, 0, 1, 0, 0}, DistanceNetworkProbe.features(1, 3, 5));
        assertArrayEquals(new double[]{3 / 5.0, 0, 0, 0, 0, 0, 0}, DistanceNetworkProbe.features(1, 4, 5));
        assertArrayEquals(new double[]{0, 2 / 5.0, 0, 0, 0, 1, 0}, DistanceNetworkProbe.features(3, 1, 5));
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 0, 1}, DistanceNetworkProbe.features(3, 5, 5));
    }

    @Test
    void distanceNetworkGradientMatchesFiniteDifferences() {
        Random r = new Random(3);
        int n = 5, dim = 3;
        DistanceNetworkProbe p = new DistanceNetworkProbe(dim, 4, 0.002, 7);
        double[] w = p.parameters();
        for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
        double[][] v = new double[n][dim];
        for (double[] x : v) for (int j = 0; j < dim; j++) x[j] = r.nextGaussian();
        int[] gold = {1, -1, 1, 2, 3};
        double[] grad = new double[w.length];
        p.loss(v, gold, grad);
        for (int i = 0; i < w.length; i++) {
            double keep = w[i], h = 1e-6;
            w[i] = keep + h;
            double up = p.loss(v, gold, null);
            w[i] = keep - h;
            double down = p.loss(v, gold, null);
            w[i] = keep;
            assertEquals((up - down) / (2 * h), grad[i], 1e-7 * Math.max(1, Math.abs(grad[i])), "param " + i);
        }
    }

    @Test
    void distanceNetworkNeverPredictsSelfAndIsSeeded() {
        DistanceNetworkProbe a = new DistanceNetworkProbe(2, 8, 0.01, 5), b = new DistanceNetworkProbe(2, 8, 0.01, 5),
                c = new DistanceNetworkProbe(2, 8, 0.01, 6);
        assertArrayEquals(a.parameters(), b.parameters(), 0.0);
        assertFalse(java.util.Arrays.equals(a.parameters(), c.parameters()));
        double[][] v = {{1, 0}, {0, 1}, {1, 1}, {0.5, -1}};
        int[] p = a.predict(v);
        for (int d = 0; d < p.length; d++) assertNotEquals(d, p[d]);
    }

    @Test
    void bothDistanceBaselinesLearnFromGum() throws IOException {
        List<Sentence> train = ArcProbeTest.gum("en_gum-ud-train.conllu", 240), dev = ArcProbeTest.gum("en_gum-ud-dev.conllu", 130);
        // Word vectors that carry the UPOS tag: the network must learn which tags attach where and how far.
        WordVectors tags = new WordVectors() {
            final List<String> upos = List.of("NOUN", "VERB", "ADJ", "DET", "ADP", "PRON", "AUX", "ADV", "PROPN", "CCONJ", "PUNCT");
            @Override public int dimension() { return upos.size() + 1; }
            @Override public double[][] vectors(Sentence s) {
                double[][] out = new double[s.size()][dimension()];
                for (int i = 0; i < s.size(); i++) {
                    int k = upos.indexOf(s.words().get(i).upos());
                    out[i][k < 0 ? upos.size() : k] = 1;
                }
                return out;
            }
        };
        double rb = ProbeAnalysis.rightBranching(dev).value();
        double hidden = DistanceBaseline.HIDDEN_LAYER.trainAndEvaluate(train, dev, tags, 0.002, 1).value();
        double logLinear = DistanceBaseline.LOG_LINEAR.trainAndEvaluate(train, dev, tags, 0.002, 1).value();
        // Tags and distances together beat attaching every word to its right neighbour, far from perfect.
        assertTrue(hidden > rb + 0.1 && hidden < 0.95, "hidden-layer " + hidden + " vs right-branching " + rb);
        assertTrue(logLinear > rb + 0.1 && logLinear < 0.95, "log-linear " + logLinear + " vs right-branching " + rb);
        assertEquals(hidden, DistanceBaseline.HIDDEN_LAYER.trainAndEvaluate(train, dev, tags, 0.002, 1).value(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistanceBaseline.of("mlp"));
        assertTrue(e.getMessage().contains("hidden-layer") && e.getMessage().contains("'mlp'"), e.getMessage());
    }

    @Test
    void randomInitKeepsThePretrainedEmbeddingsOnly() throws IOException {
        BertModel pretrained = TinyModelDirectory.load(tmp.resolve("tiny"), 3).model();
        MapTensorSource t = RandomInit.keptEmbeddings(pretrained, 9);
        var e = pretrained.weights().embeddings();
        assertArrayEquals(e.wordEmbeddings().dup('c').data().asFloat(), t.get("bert.embeddings.word_embeddings.weight").toFloats(), 0f);
        assertArrayEquals(e.positionEmbeddings().dup('c').data().asFloat(), t.get("bert.embeddings.position_embeddings.weight").toFloats(), 0f);
        assertArrayEquals(e.tokenTypeEmbeddings().dup('c').data().asFloat(), t.get("bert.embeddings.token_type_embeddings.weight").toFloats(), 0f);
        assertArrayEquals(e.layerNorm().gamma().dup('c').data().asFloat(), t.get("bert.embeddings.LayerNorm.weight").toFloats(), 0f);
        // Encoder: BERT's initialiser (std 0.02 truncated at 2 std, zero biases, LayerNorm 1 / 0).
        float[] q = t.get("bert.encoder.layer.1.attention.self.query.weight").toFloats();
        double sum = 0, sq = 0, max = 0;
        for (float x : q) { sum += x; sq += x * x; max = Math.max(max, Math.abs(x)); }
        double mean = sum / q.length, std = Math.sqrt(sq / q.length - mean * mean);
        assertTrue(max <= 0.04 + 1e-7, "truncated at 2 std: " + max);
        assertEquals(0.02 * 0.8796, std, 0.002, "std of a normal truncated at 2 std");  // 0.8796 = its std factor
        for (float x : t.get("bert.encoder.layer.0.intermediate.dense.bias").toFloats()) assertEquals(0f, x);
        for (float x : t.get("bert.encoder.layer.0.output.LayerNorm.weight").toFloats()) assertEquals(1f, x);

        // The models: h_0 (the embedding output) is the pre-trained model's, attention is not; all-random changes both.
        BertInput in = BertInput.of(new int[][]{{101, 1996, 4937, 2938, 102}});
        TraceOptions keep = TraceOptions.builder().keepAttention().keepHiddenStates().build();
        ForwardTrace a = pretrained.forward(in, keep), b = RandomInit.PRETRAINED_EMBEDDINGS.model(pretrained, 9).forward(in, keep),
                c = RandomInit.ALL_RANDOM.model(pretrained, 9).forward(in, keep);
        assertTrue(a.hidden(0).equalsWithEps(b.hidden(0), 0.0), "embedding output kept");
        assertFalse(a.hidden(0).equalsWithEps(c.hidden(0), 1e-3), "all-random draws its embeddings");
        INDArray att = b.attention(1, 0);
        assertFalse(a.attention(1, 0).equalsWithEps(att, 1e-3), "encoder re-drawn");
        assertEquals(5.0 * att.size(0), att.sumNumber().doubleValue(), 1e-4, "rows sum to 1");
        assertEquals(RandomInit.PRETRAINED_EMBEDDINGS, RandomInit.of("pretrained-embeddings"));
        assertThrows(IllegalArgumentException.class, () -> RandomInit.of("random"));
    }
}
