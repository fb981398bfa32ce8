package org.bertology4j.core.embedding;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Truncation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings as sentence-transformers computes them: prefix (by {@link EmbeddingSpec.Role}), tokenize with
 * truncation to {@link EmbeddingSpec#maxTokens()}, one forward pass, pool the last hidden state over the real tokens,
 * L2-normalise when the model asks for it. Stateless and thread-safe (the model is).
 */
public final class SentenceEmbedder {
    private final BertModel model;
    private final BertTokenizer tokenizer;
    private final EmbeddingSpec spec;

    /** An embedder of {@code model} with its tokenizer and spec ({@link EmbeddingSpec#of}). */
    public SentenceEmbedder(BertModel model, BertTokenizer tokenizer, EmbeddingSpec spec) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.spec = spec;
    }

    public BertModel model() { return model; }

    public BertTokenizer tokenizer() { return tokenizer; }

    public EmbeddingSpec spec() { return spec; }

    /**
     * One text's embedding.
     *
     * @param text     the text, without the prefix (added here for {@code role})
     * @param vector   the embedding (normalised when the spec says so)
     * @param norm     the L2 norm of the pooled vector before normalisation
     * @param encoding what the model saw: the prefixed, truncated text's pieces
     */
    public record Embedding(String text, EmbeddingSpec.Role role, double[] vector, double norm, Encoding encoding) {}

    /** The encoding of a text as the model sees it: prefixed for {@code role}, truncated to the spec's length. */
    public Encoding encode(String text, EmbeddingSpec.Role role) {
        if (text == null) throw new IllegalArgumentException("text is null");
        return tokenizer.encode(spec.prefix(role) + text, Math.min(spec.maxTokens(), model.config().maxPositionEmbeddings()),
                Truncation.ONLY_FIRST);
    }

    /** The embedding of one text. */
    public Embedding embed(String text, EmbeddingSpec.Role role) { return embed(List.of(text), role).get(0); }

    /** The embeddings of several texts, run as one padded batch. */
    public List<Embedding> embed(List<String> texts, EmbeddingSpec.Role role) {
        if (texts.isEmpty()) throw new IllegalArgumentException("no texts to embed");
        Encoding[] enc = new Encoding[texts.size()];
        int[][] ids = new int[texts.size()][];
        for (int i = 0; i < enc.length; i++) {
            enc[i] = encode(texts.get(i), role);
            ids[i] = enc[i].ids();
        }
        BertInput input = BertInput.padded(ids);
        INDArray hidden = model.forward(input, TraceOptions.none()).lastHidden();
        List<Embedding> out = new ArrayList<>();
        for (int i = 0; i < enc.length; i++) {
            double[] pooled = spec.pooling().pool(hidden, i, input.attentionMask()[i]);
            double norm = norm(pooled);
            if (spec.normalize()) {
                if (norm == 0) throw new IllegalStateException("pooled vector of text " + i + " is zero: cannot normalise it");
                for (int j = 0; j < pooled.length; j++) pooled[j] /= norm;
            }
            out.add(new Embedding(texts.get(i), role, pooled, norm, enc[i]));
        }
        return out;
    }

    /** Cosine similarity of two vectors. */
    public static double cosine(double[] a, double[] b) { return dot(a, b) / (norm(a) * norm(b)); }

    /** Dot product of two vectors of equal length. */
    public static double dot(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("vectors of lengths " + a.length + " and " + b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) { return Math.sqrt(dot(a, a)); }
}
