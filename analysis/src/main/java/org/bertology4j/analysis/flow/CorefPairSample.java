package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.Sentence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The coreference sample of the study's design (section 3: "500 random sentences ..., each containing a noun followed
 * by (at some distance) a pronoun, co-referring in half of the sentences and not in the other"), drawn from GUM: one
 * {@link CorefPairs} pair per sentence, {@code perGroup} sentences with a coreferent pair and {@code perGroup} other
 * sentences with a non-coreferent pair.
 *
 * <p>Sampling, all by the seeded hash {@link SentenceSample#hash} (so it does not depend on file order beyond the
 * order of the corpora):
 * <ol>
 *   <li>Coreferent group: the eligible sentences with at least one coreferent pair, taken in order of
 *       {@code hash(seed, corpus|sentence key)}, from the first corpus until it runs out, then from the next (GUM dev,
 *       then train "as needed"). Each contributes its coreferent pair with the smallest
 *       {@code hash(seed, sentence key|noun|pronoun)}.</li>
 *   <li>Other group: the same over the eligible sentences with at least one non-coreferent pair that are not already
 *       in the coreferent group; each contributes its non-coreferent pair with the smallest hash.</li>
 *   <li>Order of the run: coreferent and other pairs alternate by rank (c1, o1, c2, o2, ...), so every prefix of a run
 *       (one stopped early) is itself a balanced random sample.</li>
 * </ol>
 * Sentences are eligible when the source can compute them (e.g. they fit in the piece limit).
 */
public final class CorefPairSample {

    /** A named corpus (the name enters the hash, e.g. the file name). */
    public record Corpus(String name, List<Sentence> sentences) {
        public Corpus {
            sentences = List.copyOf(sentences);
        }
    }

    /** One drawn pair: its corpus, sentence and word indices. */
    public record Drawn(String corpus, Sentence sentence, CorefPairs.Pair pair) {
        /** The sentence key of the pair's items ({@link FlowAccumulator#sentenceKey}). */
        public String sentenceKey() { return FlowAccumulator.sentenceKey(sentence); }
    }

    /**
     * What each corpus holds and gave.
     *
     * @param corpus                 corpus name
     * @param sentences              its sentences
     * @param eligible               of them, eligible
     * @param withCoreferentPair     eligible sentences with at least one coreferent pair
     * @param withOtherPair          eligible sentences with at least one non-coreferent pair
     * @param drawnCoreferent        sentences (= pairs) drawn into the coreferent group
     * @param drawnOther             sentences (= pairs) drawn into the other group
     */
    public record CorpusCounts(String corpus, long sentences, long eligible, long withCoreferentPair, long withOtherPair,
                               long drawnCoreferent, long drawnOther) {}

    private final int perGroup;
    private final long seed;
    private final List<Drawn> pairs;
    private final List<CorpusCounts> counts;

    private CorefPairSample(int perGroup, long seed, List<Drawn> pairs, List<CorpusCounts> counts) {
        this.perGroup = perGroup;
        this.seed = seed;
        this.pairs = List.copyOf(pairs);
        this.counts = List.copyOf(counts);
    }

    /**
     * Draws {@code perGroup} coreferent and {@code perGroup} other pairs (fewer when the corpora run out; see
     * {@link #coreferent()} and {@link #other()}).
     */
    public static CorefPairSample draw(List<Corpus> corpora, int perGroup, long seed, Predicate<Sentence> eligible) {
        if (perGroup < 1) throw new IllegalArgumentException("pairs per group must be positive (got " + perGroup + ")");
        if (corpora.isEmpty()) throw new IllegalArgumentException("no corpus to draw coreference pairs from");
        Set<String> names = new HashSet<>();
        for (Corpus c : corpora) if (!names.add(c.name())) throw new IllegalArgumentException("corpus " + c.name() + " given twice");
        List<Drawn> coref = new ArrayList<>(), other = new ArrayList<>();
        List<CorpusCounts> counts = new ArrayList<>();
        List<List<Candidate>> otherCandidates = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Corpus c : corpora) {
            List<Candidate> withCoref = new ArrayList<>(), withOther = new ArrayList<>();
            long elig = 0;
            for (Sentence s : c.sentences()) {
                if (!eligible.test(s)) continue;
                elig++;
                List<CorefPairs.Pair> ps = CorefPairs.of(s);
                Candidate cand = new Candidate(c.name(), s, ps, SentenceSample.hash(seed, c.name() + "|" + FlowAccumulator.sentenceKey(s)));
                if (ps.stream().anyMatch(CorefPairs.Pair::coreferent)) withCoref.add(cand);
                if (ps.stream().anyMatch(p -> !p.coreferent())) withOther.add(cand);
            }
            Comparator<Candidate> byHash = Comparator.<Candidate, Long>comparing(Candidate::hash, Long::compareUnsigned)
                    .thenComparing(x -> FlowAccumulator.sentenceKey(x.sentence()));
            withCoref.sort(byHash);
            withOther.sort(byHash);
            long dc = take(withCoref, true, coref, perGroup, used, seed);
            counts.add(new CorpusCounts(c.name(), c.sentences().size(), elig, withCoref.size(), withOther.size(), dc, 0));
            otherCandidates.add(withOther); // the other group is drawn next, from the sentences the coreferent one left
        }
        for (int i = 0; i < corpora.size(); i++) {
            long d = take(otherCandidates.get(i), false, other, perGroup, used, seed);
            CorpusCounts cc = counts.get(i);
            counts.set(i, new CorpusCounts(cc.corpus(), cc.sentences(), cc.eligible(), cc.withCoreferentPair(), cc.withOtherPair(),
                    cc.drawnCoreferent(), d));
        }
        List<Drawn> order = new ArrayList<>(coref.size() + other.size());
        for (int i = 0; i < Math.max(coref.size(), other.size()); i++) {
            if (i < coref.size()) order.add(coref.get(i));
            if (i < other.size()) order.add(other.get(i));
        }
        return new CorefPairSample(perGroup, seed, order, counts);
    }

    private record Candidate(String corpus, Sentence sentence, List<CorefPairs.Pair> pairs, long hash) {}

    // takes candidates in order until the group holds perGroup pairs; a sentence already used is passed over
    private static long take(List<Candidate> candidates, boolean coreferent, List<Drawn> group, int perGroup, Set<String> used, long seed) {
        long taken = 0;
        for (Candidate c : candidates) {
            if (group.size() >= perGroup) break;
            String id = c.corpus() + "|" + FlowAccumulator.sentenceKey(c.sentence());
            if (!used.add(id)) continue;
            String key = FlowAccumulator.sentenceKey(c.sentence());
            CorefPairs.Pair best = c.pairs().stream().filter(p -> p.coreferent() == coreferent)
                    .min(Comparator.<CorefPairs.Pair, Long>comparing(p -> SentenceSample.hash(seed, key + "|" + p.noun() + "|" + p.pronoun()),
                            Long::compareUnsigned).thenComparingInt(CorefPairs.Pair::noun).thenComparingInt(CorefPairs.Pair::pronoun))
                    .orElseThrow();
            group.add(new Drawn(c.corpus(), c.sentence(), best));
            taken++;
        }
        return taken;
    }

    /** The pairs in run order: coreferent and other alternating by rank. */
    public List<Drawn> pairs() { return pairs; }

    /** Number of coreferent pairs drawn. */
    public long coreferent() { return pairs.stream().filter(d -> d.pair().coreferent()).count(); }

    /** Number of other pairs drawn. */
    public long other() { return pairs.size() - coreferent(); }

    /** Pairs asked for per group. */
    public int perGroup() { return perGroup; }

    /** The seed of every choice. */
    public long seed() { return seed; }

    /** Per corpus: sentences, eligible, candidates and draws. */
    public List<CorpusCounts> counts() { return counts; }
}
