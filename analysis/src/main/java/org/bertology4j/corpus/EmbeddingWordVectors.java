package org.bertology4j.corpus;

import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.probe.WordVectors;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.Encoding;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Word vectors from a model's input word-piece embeddings, averaged over each word's pieces (the probe's
 * "word vectors" when no GloVe file is given). The embedding table is copied once to the heap.
 */
public final class EmbeddingWordVectors implements WordVectors {
    private final float[][] table;
    private final SentenceEncoder encoder;

    public EmbeddingWordVectors(BertModel model, SentenceEncoder encoder) {
        var emb = model.weights().embeddings().wordEmbeddings().castTo(DataType.FLOAT);
        int v = (int) emb.size(0), d = (int) emb.size(1);
        float[] flat = emb.dup('c').data().asFloat();
        table = new float[v][d];
        for (int i = 0; i < v; i++) System.arraycopy(flat, i * d, table[i], 0, d);
        this.encoder = encoder;
    }

    @Override
    public int dimension() { return table[0].length; }

    @Override
    public double[][] vectors(Sentence sentence) {
        Encoding e = encoder.encode(sentence.forms());
        int n = sentence.size(), d = dimension();
        double[][] out = new double[n][d];
        int[] pieces = new int[n];
        for (int p = 0; p < e.length(); p++) {
            int w = e.wordIndex()[p];
            if (w < 0) continue;
            float[] row = table[e.ids()[p]];
            for (int k = 0; k < d; k++) out[w][k] += row[k];
            pieces[w]++;
        }
        for (int w = 0; w < n; w++) if (pieces[w] > 0) for (int k = 0; k < d; k++) out[w][k] /= pieces[w];
        return out;
    }
}
