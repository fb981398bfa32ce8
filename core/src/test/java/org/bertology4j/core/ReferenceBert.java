package org.bertology4j.core;

import org.apache.commons.math3.special.Erf;
import org.bertology4j.core.layers.HeadIntervention;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.TensorSource;

import java.util.List;
import java.util.Map;

/**
 * A straightforward double-precision BERT written with plain Java arrays and loops (no ND4J), one
 * sequence at a time, following Hugging Face {@code modeling_bert.py} literally. It is the independent
 * reference for the ND4J engine, and meant to be reused by backward-pass and DeepLIFT tests.
 * Tensors are read by Hugging Face names with the {@code bert.} prefix.
 */
public final class ReferenceBert {
    /** Additive score for padding keys, as in Google's BERT. */
    public static final double MASK_VALUE = -10000.0;

    public final BertConfig c;
    /** Use the tanh approximation of GELU instead of the exact erf form. */
    public boolean tanhGelu;
    public final double[][] wordEmb, posEmb, typeEmb;
    public final double[] embLnG, embLnB;
    public final Layer[] layers;
    public final double[][] poolW, mlmW, qaW, clsW, decoder;
    public final double[] poolB, mlmB, mlmLnG, mlmLnB, mlmBias, qaB, clsB;

    /** One encoder layer's weights; matrices are [out][in] as stored. */
    public static final class Layer {
        public double[][] wq, wk, wv, wo, w1, w2;
        public double[] bq, bk, bv, bo, ln1g, ln1b, b1, b2, ln2g, ln2b;
    }

    /** Everything one sequence's forward produced. */
    public static final class Result {
        /** [L+1][T][H]. */
        public double[][][] hidden;
        /** Attention used [L][heads][T][T]. */
        public double[][][][] attention;
        /** Scores + additive mask [L][heads][T][T]. */
        public double[][][][] scores;
        /** GELU outputs [L][T][I]. */
        public double[][][] ffn;

        public double[][] last() { return hidden[hidden.length - 1]; }
    }

    public ReferenceBert(BertConfig c, TensorSource s) {
        this.c = c;
        wordEmb = mat(s, "bert.embeddings.word_embeddings.weight");
        posEmb = mat(s, "bert.embeddings.position_embeddings.weight");
        typeEmb = mat(s, "bert.embeddings.token_type_embeddings.weight");
        embLnG = vec(s, "bert.embeddings.LayerNorm.weight");
        embLnB = vec(s, "bert.embeddings.LayerNorm.bias");
        layers = new Layer[c.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "bert.encoder.layer." + i + ".";
            Layer l = new Layer();
            l.wq = mat(s, p + "attention.self.query.weight"); l.bq = vec(s, p + "attention.self.query.bias");
            l.wk = mat(s, p + "attention.self.key.weight"); l.bk = vec(s, p + "attention.self.key.bias");
            l.wv = mat(s, p + "attention.self.value.weight"); l.bv = vec(s, p + "attention.self.value.bias");
            l.wo = mat(s, p + "attention.output.dense.weight"); l.bo = vec(s, p + "attention.output.dense.bias");
            l.ln1g = vec(s, p + "attention.output.LayerNorm.weight"); l.ln1b = vec(s, p + "attention.output.LayerNorm.bias");
            l.w1 = mat(s, p + "intermediate.dense.weight"); l.b1 = vec(s, p + "intermediate.dense.bias");
            l.w2 = mat(s, p + "output.dense.weight"); l.b2 = vec(s, p + "output.dense.bias");
            l.ln2g = vec(s, p + "output.LayerNorm.weight"); l.ln2b = vec(s, p + "output.LayerNorm.bias");
            layers[i] = l;
        }
        poolW = s.contains("bert.pooler.dense.weight") ? mat(s, "bert.pooler.dense.weight") : null;
        poolB = poolW != null ? vec(s, "bert.pooler.dense.bias") : null;
        boolean mlm = s.contains("cls.predictions.transform.dense.weight");
        mlmW = mlm ? mat(s, "cls.predictions.transform.dense.weight") : null;
        mlmB = mlm ? vec(s, "cls.predictions.transform.dense.bias") : null;
        mlmLnG = mlm ? vec(s, "cls.predictions.transform.LayerNorm.weight") : null;
        mlmLnB = mlm ? vec(s, "cls.predictions.transform.LayerNorm.bias") : null;
        mlmBias = mlm ? vec(s, "cls.predictions.bias") : null;
        decoder = wordEmb;
        qaW = s.contains("qa_outputs.weight") ? mat(s, "qa_outputs.weight") : null;
        qaB = qaW != null ? vec(s, "qa_outputs.bias") : null;
        clsW = s.contains("classifier.weight") ? mat(s, "classifier.weight") : null;
        clsB = clsW != null ? vec(s, "classifier.bias") : null;
    }

    /** Forward of one sequence without interventions. */
    public Result forward(int[] ids, int[] seg, int[] mask) {
        return forward(ids, seg, mask, Map.of(), 0);
    }

    /**
     * Forward of one sequence (batch item {@code batchIndex}, used to pick per-item replacement maps).
     *
     * @param interventions per layer
     */
    public Result forward(int[] ids, int[] seg, int[] mask, Map<Integer, List<HeadIntervention>> interventions,
                          int batchIndex) {
        int t = ids.length, h = c.hiddenSize(), nh = c.numAttentionHeads(), d = c.headDim();
        Result r = new Result();
        r.hidden = new double[layers.length + 1][][];
        r.attention = new double[layers.length][][][];
        r.scores = new double[layers.length][][][];
        r.ffn = new double[layers.length][][];
        double[][] x = new double[t][h];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < h; j++) x[i][j] = wordEmb[ids[i]][j] + posEmb[i][j] + typeEmb[seg[i]][j];
            x[i] = layerNorm(x[i], embLnG, embLnB);
        }
        r.hidden[0] = x;
        for (int li = 0; li < layers.length; li++) {
            Layer l = layers[li];
            double[][] q = dense(x, l.wq, l.bq), k = dense(x, l.wk, l.bk), v = dense(x, l.wv, l.bv);
            double[][][] sc = new double[nh][t][t], p = new double[nh][t][t];
            for (int hh = 0; hh < nh; hh++) {
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        double dot = 0;
                        for (int e = 0; e < d; e++) dot += q[i][hh * d + e] * k[j][hh * d + e];
                        sc[hh][i][j] = dot / Math.sqrt(d) + (mask[j] == 1 ? 0.0 : MASK_VALUE);
                    }
                    p[hh][i] = softmax(sc[hh][i]);
                }
            }
            for (HeadIntervention iv : interventions.getOrDefault(li, List.of())) {
                int hh = iv.head();
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        p[hh][i][j] = switch (iv.kind()) {
                            case MASK -> 0.0;
                            case DISABLE -> mask[j] / (double) sum(mask);
                            case REPLACE -> iv.map().rank() == 2 ? iv.map().getDouble(i, j) : iv.map().getDouble(batchIndex, i, j);
                        };
                    }
                }
            }
            double[][] ctx = new double[t][h];
            for (int hh = 0; hh < nh; hh++) {
                for (int i = 0; i < t; i++) {
                    for (int e = 0; e < d; e++) {
                        double acc = 0;
                        for (int j = 0; j < t; j++) acc += p[hh][i][j] * v[j][hh * d + e];
                        ctx[i][hh * d + e] = acc;
                    }
                }
            }
            double[][] a = dense(ctx, l.wo, l.bo);
            double[][] h1 = new double[t][];
            for (int i = 0; i < t; i++) h1[i] = layerNorm(add(a[i], x[i]), l.ln1g, l.ln1b);
            double[][] f = dense(h1, l.w1, l.b1);
            for (double[] row : f) for (int j = 0; j < row.length; j++) row[j] = gelu(row[j]);
            double[][] o = dense(f, l.w2, l.b2);
            double[][] h2 = new double[t][];
            for (int i = 0; i < t; i++) h2[i] = layerNorm(add(o[i], h1[i]), l.ln2g, l.ln2b);
            r.scores[li] = sc;
            r.attention[li] = p;
            r.ffn[li] = f;
            r.hidden[li + 1] = h2;
            x = h2;
        }
        return r;
    }

    /** Masked-LM logits [T][V] from last hidden states. */
    public double[][] mlmLogits(double[][] last) {
        double[][] t = dense(last, mlmW, mlmB);
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            double[] row = t[i].clone();
            for (int j = 0; j < row.length; j++) row[j] = gelu(row[j]);
            out[i] = layerNorm(row, mlmLnG, mlmLnB);
        }
        return dense(out, decoder, mlmBias);
    }

    /** Pooled output [H]. */
    public double[] pooled(double[][] last) {
        double[] p = dense(new double[][]{last[0]}, poolW, poolB)[0];
        for (int i = 0; i < p.length; i++) p[i] = Math.tanh(p[i]);
        return p;
    }

    /** Sequence classification logits [labels]. */
    public double[] sequenceLogits(double[][] last) { return dense(new double[][]{pooled(last)}, clsW, clsB)[0]; }

    /** Token classification logits [T][labels]. */
    public double[][] tokenLogits(double[][] last) { return dense(last, clsW, clsB); }

    /** QA logits [T][2] (start, end). */
    public double[][] qaLogits(double[][] last) { return dense(last, qaW, qaB); }

    public double gelu(double x) {
        if (tanhGelu) return 0.5 * x * (1.0 + Math.tanh(Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x)));
        return 0.5 * x * (1.0 + Erf.erf(x / Math.sqrt(2.0)));
    }

    /** y = x·Wᵀ + b with W [out][in]. */
    public static double[][] dense(double[][] x, double[][] w, double[] b) {
        double[][] y = new double[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < w.length; o++) {
                double acc = b[o];
                for (int j = 0; j < x[i].length; j++) acc += x[i][j] * w[o][j];
                y[i][o] = acc;
            }
        }
        return y;
    }

    public double[] layerNorm(double[] x, double[] g, double[] b) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        var /= x.length;
        double rstd = 1.0 / Math.sqrt(var + c.layerNormEps());
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (x[i] - mean) * rstd * g[i] + b[i];
        return y;
    }

    public static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) max = Math.max(max, v);
        double z = 0;
        double[] p = new double[s.length];
        for (int i = 0; i < s.length; i++) z += p[i] = Math.exp(s[i] - max);
        for (int i = 0; i < s.length; i++) p[i] /= z;
        return p;
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i] + b[i];
        return r;
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int v : a) s += v;
        return s;
    }

    private static double[][] mat(TensorSource s, String name) {
        var t = s.get(name);
        long[] sh = t.shape();
        double[] v = t.toDoubles();
        double[][] m = new double[(int) sh[0]][(int) sh[1]];
        for (int i = 0; i < m.length; i++) System.arraycopy(v, i * m[0].length, m[i], 0, m[0].length);
        return m;
    }

    private static double[] vec(TensorSource s, String name) { return s.get(name).toDoubles(); }
}
