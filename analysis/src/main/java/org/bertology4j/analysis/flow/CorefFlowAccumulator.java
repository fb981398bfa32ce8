package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.bertology4j.analysis.conllu.Sentence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coreference analysis ({@code flow-coref}): for each {@link CorefPairs} pair the flow <b>from the noun t1 into
 * the later pronoun t2</b>, {@code map[n][t2][t1]}, of every measure and layer. Items are stored (not only
 * moments) so a balanced subsample can be drawn at the end; merging concatenates item lists, which is exact.
 */
public final class CorefFlowAccumulator {

    /**
     * One pair's values.
     *
     * @param sentence   sentence key (see {@link FlowAccumulator#sentenceKey})
     * @param noun       0-based word index of the noun
     * @param pronoun    0-based word index of the pronoun
     * @param coreferent whether they corefer
     * @param values     {@code [measure ordinal][layer]} flow from noun into pronoun
     */
    public record Item(String sentence, int noun, int pronoun, boolean coreferent, double[][] values) {
        String key() { return sentence + "|" + noun + "|" + pronoun; }
    }

    private final int layers;
    private final List<Item> items;

    /** Empty accumulator for a model with {@code layers} layers. */
    public CorefFlowAccumulator(int layers) {
        this(layers, new ArrayList<>());
    }

    @JsonCreator
    CorefFlowAccumulator(@JsonProperty("layers") int layers, @JsonProperty("items") List<Item> items) {
        if (layers < 1) throw new IllegalArgumentException("layers must be positive: " + layers);
        this.layers = layers;
        this.items = new ArrayList<>(items);
        for (Item it : this.items) {
            if (it.values().length != Measure.values().length || it.values()[0].length != layers) {
                throw new IllegalArgumentException("coreference item " + it.key() + " has the wrong shape for " + layers + " layers");
            }
        }
    }

    /** Adds the sentence's pairs. */
    public void add(String sentenceKey, Sentence s, FlowMaps maps) {
        for (CorefPairs.Pair p : CorefPairs.of(s)) add(sentenceKey, p, PairFlowSource.values(maps, p.noun(), p.pronoun()));
    }

    /**
     * Adds one pair's values.
     *
     * @param values {@code [measure ordinal][layer]}: the flow from the noun into the pronoun
     */
    public void add(String sentenceKey, CorefPairs.Pair p, double[][] values) {
        if (values.length != Measure.values().length) throw new IllegalArgumentException("pair " + sentenceKey + "|" + p.noun() + "|"
                + p.pronoun() + ": expected one row per measure (" + Measure.values().length + "), got " + values.length);
        for (double[] row : values) {
            if (row.length != layers) throw new IllegalArgumentException("pair " + sentenceKey + "|" + p.noun() + "|" + p.pronoun()
                    + ": expected " + layers + " layers, got " + row.length);
            for (double v : row) if (!Double.isFinite(v)) throw new IllegalArgumentException("pair " + sentenceKey + "|" + p.noun()
                    + "|" + p.pronoun() + ": non-finite flow " + v);
        }
        items.add(new Item(sentenceKey, p.noun(), p.pronoun(), p.coreferent(), values));
    }

    /** Appends another shard's items (shards should be merged in corpus order). */
    public void merge(CorefFlowAccumulator o) {
        if (o.layers != layers) throw new IllegalArgumentException("cannot merge coreference shards with " + layers + " and " + o.layers + " layers");
        items.addAll(o.items);
    }

    @JsonProperty("layers")
    public int layers() { return layers; }

    /** The stored pairs (read-only view). */
    @JsonProperty("items")
    public List<Item> items() { return java.util.Collections.unmodifiableList(items); }

    /** Number of coreferent pairs. */
    public long coreferentCount() { return items.stream().filter(Item::coreferent).count(); }

    /**
     * The results: all pairs, and a balanced sample with as many non-coreferent as coreferent items (or the
     * reverse), chosen by a seeded hash of each item's key so the choice does not depend on sharding or order.
     */
    public CorefFlowResult result(long seed) {
        List<Item> coref = new ArrayList<>(), other = new ArrayList<>();
        for (Item it : items) (it.coreferent() ? coref : other).add(it);
        int k = Math.min(coref.size(), other.size());
        List<Item> bc = sample(coref, k, seed), bo = sample(other, k, seed);
        return new CorefFlowResult(coref.size(), other.size(), seed, k, compare(coref, other), compare(bc, bo));
    }

    private static List<Item> sample(List<Item> group, int k, long seed) {
        if (group.size() <= k) return group;
        List<Item> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparingLong((Item it) -> hash(seed, it.key())).thenComparing(Item::key));
        List<Item> chosen = sorted.subList(0, k);
        // restore corpus order so sums run in the same order however the sample was drawn
        java.util.Set<Item> set = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        set.addAll(chosen);
        List<Item> out = new ArrayList<>(k);
        for (Item it : group) if (set.contains(it)) out.add(it);
        return out;
    }

    static long hash(long seed, String key) { return SentenceSample.hash(seed, key); }

    private Map<String, Comparison> compare(List<Item> coref, List<Item> other) {
        Map<String, Comparison> out = new LinkedHashMap<>();
        for (Measure m : Measure.values()) {
            List<WelchResult> perLayer = new ArrayList<>();
            for (int n = 0; n < layers; n++) perLayer.add(WelchResult.of(moments(coref, m, n), moments(other, m, n)));
            out.put(m.symbol(), new Comparison(perLayer, WelchResult.of(moments(coref, m, -1), moments(other, m, -1))));
        }
        return out;
    }

    // layer -1 = the item's mean over layers
    private RunningMoments moments(List<Item> group, Measure m, int layer) {
        RunningMoments r = new RunningMoments();
        for (Item it : group) {
            double[] v = it.values()[m.ordinal()];
            if (layer >= 0) {
                r.add(v[layer]);
            } else {
                double s = 0;
                for (double x : v) s += x;
                r.add(s / v.length);
            }
        }
        return r;
    }
}
