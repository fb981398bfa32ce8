package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.Sentence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A seeded random sample of a corpus's sentences (the study's "500 ... random sentences", section 3): the n eligible
 * sentences with the smallest seeded 64-bit hash of their key ({@link FlowAccumulator#sentenceKey}). Membership is
 * a threshold on that hash, so it is decided sentence by sentence, the same in every slice of a distributed run, and
 * the sentences are processed in hash order: every prefix of a run, e.g. a run stopped early, is itself the seeded
 * random sample of its size (the smallest hashes), and a smaller sample is a subset of a larger one with the same seed.
 *
 * <p>A sentence that is not eligible but whose hash is under the threshold is still selected by {@link #contains};
 * make eligibility the source's own skip rule (e.g. "fits in the model's piece limit") so that those sentences are
 * exactly the ones the source skips and exactly n sentences are analysed.
 *
 * @param seed      the seed of the hash
 * @param threshold the largest selected hash (compared unsigned)
 * @param selected  sentences of the corpus that {@link #contains} accepts (n, plus ineligible ones under the threshold)
 * @param eligible  the n eligible sentences drawn (fewer when the corpus has fewer eligible sentences)
 */
public record SentenceSample(long seed, long threshold, long selected, long eligible) {

    /**
     * Draws the sample.
     *
     * @param corpus   every sentence of the corpus
     * @param n        sample size (positive)
     * @param eligible sentences that may be drawn (the others are neither counted nor drawn)
     */
    public static SentenceSample draw(Iterable<Sentence> corpus, int n, long seed, Predicate<Sentence> eligible) {
        if (n < 1) throw new IllegalArgumentException("sample size must be positive (got " + n + ")");
        List<Long> all = new ArrayList<>(), drawable = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Sentence s : corpus) {
            String key = FlowAccumulator.sentenceKey(s);
            if (!keys.add(key)) throw new IllegalArgumentException("sentence key " + key + " occurs twice (line " + s.firstLine() + "); a sample needs unique sent_ids");
            long h = hash(seed, key);
            all.add(h);
            if (eligible.test(s)) drawable.add(h);
        }
        if (drawable.isEmpty()) throw new IllegalArgumentException("no eligible sentence to sample from");
        drawable.sort(Long::compareUnsigned);
        int k = Math.min(n, drawable.size());
        long threshold = drawable.get(k - 1);
        long selected = all.stream().filter(h -> Long.compareUnsigned(h, threshold) <= 0).count();
        return new SentenceSample(seed, threshold, selected, k);
    }

    /** Whether the sentence is in the sample. */
    public boolean contains(Sentence s) {
        return Long.compareUnsigned(hash(seed, FlowAccumulator.sentenceKey(s)), threshold) <= 0;
    }

    /** The order the sample is processed in: by hash, then by key. */
    public Comparator<Sentence> order() {
        return Comparator.<Sentence, Long>comparing(s -> hash(seed, FlowAccumulator.sentenceKey(s)), Long::compareUnsigned)
                .thenComparing(FlowAccumulator::sentenceKey);
    }

    /** The threshold as job options carry it: 16 hex digits. */
    public String thresholdHex() { return String.format("%016x", threshold); }

    /** A threshold written by {@link #thresholdHex()}. */
    public static long parseThreshold(String hex) { return Long.parseUnsignedLong(hex, 16); }

    /**
     * Seeded 64-bit hash of a key: FNV-1a over the key's chars, seeded, then the SplitMix64 finalizer to spread the
     * bits. The one hash of the flow study's seeded choices (this sample, the coreference pairs and subsamples).
     */
    public static long hash(long seed, String key) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
