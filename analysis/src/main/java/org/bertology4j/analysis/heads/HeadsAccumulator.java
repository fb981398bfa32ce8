package org.bertology4j.analysis.heads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.Argmax;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.WordAttention;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.conllu.Word;

import java.util.Map;
import java.util.TreeMap;

/**
 * Exact integer counts for "single heads as parsers" (Clark et al. 4.2); shards merge exactly.
 *
 * <p>Per head: word-level attention between words only ([CLS]/[SEP] rows and columns dropped), diagonal
 * excluded, argmax with the lowest index on ties. {@code dep->head}: the dependent's row; {@code head<-dep}: the
 * dependent's column (the word attending most to it). Words whose gold head is the root are counted (relation
 * {@code root}, and in the overall UAS) but a head can never get them right: no word can predict the root once
 * the special tokens are dropped. This follows Clark et al.'s evaluation code, so "all" is comparable.
 */
public final class HeadsAccumulator {
    /** Direction names, index 0 and 1 in the count arrays. */
    public static final String[] DIRECTIONS = {"dep->head", "head<-dep"};
    /** Fixed offsets of the baseline, in this order. */
    public static final int[] OFFSETS = {-3, -2, -1, 1, 2, 3};

    /** Counts for one relation label (or for all words). */
    public static final class Tally {
        long count;
        final long[] correct;       // [(layer*heads + head)*2 + direction]
        final long[] offsetCorrect = new long[OFFSETS.length];

        Tally(int pairs) { correct = new long[pairs * 2]; }

        /** Number of dependents. */
        public long count() { return count; }

        /** Correct predictions of (layer, head, direction). */
        public long correct(int pairIndex, int direction) { return correct[pairIndex * 2 + direction]; }

        /** Correct predictions of the offset baseline {@code OFFSETS[k]}. */
        public long offsetCorrect(int k) { return offsetCorrect[k]; }

        void merge(Tally o) {
            count += o.count;
            for (int i = 0; i < correct.length; i++) correct[i] += o.correct[i];
            for (int i = 0; i < offsetCorrect.length; i++) offsetCorrect[i] += o.offsetCorrect[i];
        }
    }

    /**
     * Extra relation scored with Clark et al.'s possessive rule: for an {@code nmod:poss} dependent followed by a
     * possessive clitic ('s, ', ’s, ’) the clitic's prediction is scored instead of the possessor's (in their
     * Stanford dependencies the possessed noun's head is reached from "'s"). Only in {@link #byRelation()}.
     */
    public static final String POSS_RULE = "nmod:poss/'s-rule";
    private static final java.util.Set<String> CLITICS = java.util.Set.of("'s", "'", "’s", "’");

    private final int layers, heads;
    private long sentences, skipped, words, splitWords;
    private final Map<String, Tally> full = new TreeMap<>();
    private final Map<String, Tally> base = new TreeMap<>();
    private final Tally all;

    /** Empty accumulator for a model with {@code layers x heads} heads. */
    public HeadsAccumulator(int layers, int heads) {
        this.layers = layers;
        this.heads = heads;
        this.all = new Tally(layers * heads);
    }

    public int layers() { return layers; }

    public int heads() { return heads; }

    /** Sentences added. */
    public long sentences() { return sentences; }

    /** Sentences skipped (e.g. over the model's length limit). */
    public long skipped() { return skipped; }

    /** Words of the sentences added. */
    public long words() { return words; }

    /** Words of the sentences added that the tokenizer split into more than one piece (Clark et al. 4.1: "∼8%"). */
    public long splitWords() { return splitWords; }

    /** Records a skipped sentence. */
    public void skip() { skipped++; }

    /** Counts by full relation label. */
    public Map<String, Tally> byRelation() { return full; }

    /** Counts by base relation label (before ':'). */
    public Map<String, Tally> byBaseRelation() { return base; }

    /** Counts over all words, root dependents included (per-head UAS). */
    public Tally overall() { return all; }

    /**
     * Adds one sentence.
     *
     * @param sentence  gold tree
     * @param attention attention of its encoding
     * @param units     word units of the encoding (its words must be the sentence's words)
     */
    public void add(Sentence sentence, SentenceAttention attention, WordUnits units) {
        int n = sentence.size();
        if (units.words() != n) throw new IllegalArgumentException("sentence " + sentence.sentId() + " has " + n + " words but the encoding has " + units.words());
        if (attention.layers() != layers || attention.heads() != heads) {
            throw new IllegalArgumentException("attention has " + attention.layers() + "x" + attention.heads() + " heads, accumulator " + layers + "x" + heads);
        }
        words += n;
        for (int i = 0; i < n; i++) if (units.piecesInUnit(units.unitOfWord(i)) > 1) splitWords++;
        Tally[] fullT = new Tally[n], baseT = new Tally[n];
        for (int i = 0; i < n; i++) {
            Word w = sentence.words().get(i);
            fullT[i] = full.computeIfAbsent(w.deprel(), k -> new Tally(layers * heads));
            baseT[i] = base.computeIfAbsent(w.baseDeprel(), k -> new Tally(layers * heads));
            for (Tally t : new Tally[]{fullT[i], baseT[i], all}) t.count++;
            for (int k = 0; k < OFFSETS.length; k++) {
                int predicted = Math.max(0, Math.min(n, i + 1 + OFFSETS[k])); // 1-based, 0 = root
                if (predicted == w.head()) for (Tally t : new Tally[]{fullT[i], baseT[i], all}) t.offsetCorrect[k]++;
            }
        }
        // Clark's possessive rule: word i is scored with the prediction of word possFrom[i]
        int[] possFrom = new int[n];
        Tally poss = null;
        for (int i = 0; i < n; i++) {
            Word w = sentence.words().get(i);
            possFrom[i] = -1;
            if (!w.deprel().equals("nmod:poss")) continue;
            if (poss == null) poss = full.computeIfAbsent(POSS_RULE, k -> new Tally(layers * heads));
            poss.count++;
            int j = i + 1 < n && CLITICS.contains(sentence.words().get(i + 1).form()) ? i + 1 : i;
            possFrom[i] = j;
            for (int k = 0; k < OFFSETS.length; k++) {
                if (Math.max(0, Math.min(n, j + 1 + OFFSETS[k])) == w.head()) poss.offsetCorrect[k]++;
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                double[][] a = WordAttention.betweenWords(attention.map(l, h), units);
                int pair = l * heads + h;
                if (poss != null) {
                    for (int i = 0; i < n; i++) {
                        if (possFrom[i] < 0) continue;
                        int gold = sentence.words().get(i).head() - 1, j = possFrom[i];
                        if (Argmax.ofRow(a[j], j) == gold) poss.correct[pair * 2]++;
                        if (Argmax.ofColumn(a, j, j) == gold) poss.correct[pair * 2 + 1]++;
                    }
                }
                for (int i = 0; i < n; i++) {
                    int gold = sentence.words().get(i).head() - 1;
                    if (gold < 0) continue; // root: no word predicts it (and a 1-word sentence's argmax is -1)
                    if (Argmax.ofRow(a[i], i) == gold) count(pair, 0, fullT[i], baseT[i]);
                    if (Argmax.ofColumn(a, i, i) == gold) count(pair, 1, fullT[i], baseT[i]);
                }
            }
        }
        sentences++;
    }

    private void count(int pair, int dir, Tally f, Tally b) {
        f.correct[pair * 2 + dir]++;
        b.correct[pair * 2 + dir]++;
        all.correct[pair * 2 + dir]++;
    }

    /** Adds another shard's counts into this one. */
    public void merge(HeadsAccumulator o) {
        if (o.layers != layers || o.heads != heads) throw new IllegalArgumentException("cannot merge accumulators of different shapes");
        sentences += o.sentences;
        skipped += o.skipped;
        words += o.words;
        splitWords += o.splitWords;
        all.merge(o.all);
        o.full.forEach((k, t) -> full.computeIfAbsent(k, x -> new Tally(layers * heads)).merge(t));
        o.base.forEach((k, t) -> base.computeIfAbsent(k, x -> new Tally(layers * heads)).merge(t));
    }

    /** The result (accuracies, best heads, baselines). */
    public HeadsResult result() { return new HeadsResult(this); }

    // ---- JSON state (raw counts) for resuming ----

    /** Raw counts as JSON. */
    public ObjectNode toJson() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("kind", "heads-accumulator");
        root.put("layers", layers).put("heads", heads).put("sentences", sentences).put("skipped", skipped)
                .put("words", words).put("split_words", splitWords);
        root.set("overall", tally(om, all));
        ObjectNode f = root.putObject("relations");
        full.forEach((k, t) -> f.set(k, tally(om, t)));
        ObjectNode b = root.putObject("base_relations");
        base.forEach((k, t) -> b.set(k, tally(om, t)));
        return root;
    }

    private static ObjectNode tally(ObjectMapper om, Tally t) {
        ObjectNode n = om.createObjectNode();
        n.put("count", t.count);
        ArrayNode c = n.putArray("correct");
        for (long v : t.correct) c.add(v);
        ArrayNode o = n.putArray("offset_correct");
        for (long v : t.offsetCorrect) o.add(v);
        return n;
    }

    /** Restores an accumulator from {@link #toJson()}. */
    public static HeadsAccumulator fromJson(JsonNode root) {
        if (!"heads-accumulator".equals(root.path("kind").asText())) throw new IllegalArgumentException("not a heads accumulator state (kind=" + root.path("kind").asText() + ")");
        HeadsAccumulator acc = new HeadsAccumulator(root.get("layers").asInt(), root.get("heads").asInt());
        acc.sentences = root.get("sentences").asLong();
        acc.skipped = root.get("skipped").asLong();
        if (!root.has("words") || !root.has("split_words")) throw new IllegalArgumentException("heads accumulator state lacks 'words' (written by an older version)");
        acc.words = root.get("words").asLong();
        acc.splitWords = root.get("split_words").asLong();
        readTally(root.get("overall"), acc.all, "overall");
        root.get("relations").fields().forEachRemaining(e -> readTally(e.getValue(), acc.full.computeIfAbsent(e.getKey(), k -> new Tally(acc.layers * acc.heads)), e.getKey()));
        root.get("base_relations").fields().forEachRemaining(e -> readTally(e.getValue(), acc.base.computeIfAbsent(e.getKey(), k -> new Tally(acc.layers * acc.heads)), e.getKey()));
        return acc;
    }

    private static void readTally(JsonNode n, Tally t, String name) {
        t.count = n.get("count").asLong();
        JsonNode c = n.get("correct"), o = n.get("offset_correct");
        if (c.size() != t.correct.length || o.size() != t.offsetCorrect.length) throw new IllegalArgumentException("counts of '" + name + "' have the wrong size");
        for (int i = 0; i < t.correct.length; i++) t.correct[i] = c.get(i).asLong();
        for (int i = 0; i < t.offsetCorrect.length; i++) t.offsetCorrect[i] = o.get(i).asLong();
    }
}
