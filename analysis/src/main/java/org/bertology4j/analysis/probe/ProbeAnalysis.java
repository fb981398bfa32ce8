package org.bertology4j.analysis.probe;

import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.tokenizer.Encoding;

/**
 * Training and evaluation of the dependency probes (Clark et al. section 5): train one pass on GUM train, report
 * UAS on dev with punctuation (UPOS PUNCT) excluded; baselines right-branching and distances + word vectors.
 */
public final class ProbeAnalysis {
    private ProbeAnalysis() {}

    /** Features of a sentence, or null to skip it (e.g. over the length limit). */
    @FunctionalInterface
    public interface FeatureSource { ArcFeatures features(Sentence s); }

    /** Unlabelled attachment score. */
    public record Uas(long correct, long total, long skippedSentences) {
        public double value() { return (double) correct / total; }
    }

    /** Attention features from a model ({@code [CLS] words [SEP]}, sentences over {@code maxPieces} skipped). */
    public static FeatureSource attention(SentenceEncoder encoder, AttentionSource model, int maxPieces) {
        return s -> {
            Encoding e = encoder.encode(s.forms());
            if (e.length() > maxPieces || e.truncated() || !WordUnits.coversAllWords(e)) return null;
            return AttentionArcFeatures.of(model.attend(e), WordUnits.of(e));
        };
    }

    /** Distance features (the "distances + word vectors" baseline). */
    public static FeatureSource distances() { return s -> DistanceArcFeatures.of(s.size()); }

    /** Gold heads, 0-based, -1 for the root. */
    public static int[] gold(Sentence s) {
        int[] g = new int[s.size()];
        for (int i = 0; i < g.length; i++) g[i] = s.words().get(i).head() - 1;
        return g;
    }

    /**
     * Trains a probe one pass over {@code sentences}.
     *
     * @param vectors word vectors, or null for the attention-only probe
     */
    public static ArcProbe train(Iterable<Sentence> sentences, FeatureSource features, WordVectors vectors, double lr) {
        ArcProbe probe = null;
        for (Sentence s : sentences) {
            ArcFeatures f = features.features(s);
            if (f == null) continue;
            if (probe == null) probe = new ArcProbe(f.size(), vectors == null ? 0 : vectors.dimension(), lr);
            probe.train(f, vectors == null ? null : vectors.vectors(s), gold(s));
        }
        if (probe == null) throw new IllegalArgumentException("no training sentence could be featurized");
        return probe;
    }

    /** UAS of a probe, punctuation excluded. */
    public static Uas evaluate(ArcProbe probe, Iterable<Sentence> sentences, FeatureSource features, WordVectors vectors) {
        return evaluate(sentences, s -> {
            ArcFeatures f = features.features(s);
            return f == null ? null : probe.predict(f, vectors == null ? null : vectors.vectors(s));
        });
    }

    /**
     * UAS of any head predictor, punctuation (UPOS PUNCT) excluded.
     *
     * @param predict 0-based predicted head of each word (-1 for the root), or null to skip (and count) the sentence
     */
    public static Uas evaluate(Iterable<Sentence> sentences, java.util.function.Function<Sentence, int[]> predict) {
        long correct = 0, total = 0, skipped = 0;
        for (Sentence s : sentences) {
            int[] p = predict.apply(s);
            if (p == null) { skipped++; continue; }
            int[] g = gold(s);
            for (int i = 0; i < g.length; i++) {
                if (s.words().get(i).upos().equals("PUNCT")) continue;
                total++;
                if (p[i] == g[i]) correct++;
            }
        }
        return new Uas(correct, total, skipped);
    }

    /** Right-branching baseline: each word's head is the next word, the last word's is the root; punctuation excluded. */
    public static Uas rightBranching(Iterable<Sentence> sentences) {
        long correct = 0, total = 0;
        for (Sentence s : sentences) {
            int n = s.size();
            for (int i = 0; i < n; i++) {
                if (s.words().get(i).upos().equals("PUNCT")) continue;
                total++;
                int predicted = i == n - 1 ? 0 : i + 2; // 1-based, 0 = root
                if (s.words().get(i).head() == predicted) correct++;
            }
        }
        return new Uas(correct, total, 0);
    }
}
