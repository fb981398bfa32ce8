package org.bertology4j.analysis.coref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.Argmax;
import org.bertology4j.analysis.attention.HeadLabels;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.WordAttention;
import org.bertology4j.analysis.attention.WordUnits;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Exact counts for coreference antecedent selection (Clark et al. 4.3), by mention type; shards merge exactly.
 *
 * <p>A mention is evaluated when an earlier mention (head word strictly before its head word) of the same
 * entity is in the segment. A head is correct when the head word's most-attended other word (word level,
 * [CLS]/[SEP] excluded, lowest index on ties) is the head word of any such antecedent. A baseline is correct
 * when the head word of the mention it picks is the head word of an antecedent.
 */
public final class CorefAccumulator {
    private static final int TYPES = MentionType.values().length;
    private final int layers, heads;
    private long segments, skipped;
    private final long[] mentions = new long[TYPES];
    private final long[] headCorrect;                                   // [(pair)*TYPES + type]
    private final long[] baselineCorrect = new long[CorefBaselines.NAMES.length * TYPES];

    public CorefAccumulator(int layers, int heads) {
        this.layers = layers;
        this.heads = heads;
        this.headCorrect = new long[layers * heads * TYPES];
    }

    public int layers() { return layers; }

    public int heads() { return heads; }

    /** Segments added. */
    public long segments() { return segments; }

    /** Sentences skipped (too long on their own). */
    public long skipped() { return skipped; }

    /** Counts skipped sentences. */
    public void skip(long sentences) { skipped += sentences; }

    /** Evaluated mentions of a type. */
    public long mentions(MentionType t) { return mentions[t.ordinal()]; }

    /** Correct picks of head (layer, head) on a type. */
    public long headCorrect(int layer, int head, MentionType t) { return headCorrect[(layer * heads + head) * TYPES + t.ordinal()]; }

    /** Correct picks of baseline {@code b} (index into {@link CorefBaselines#NAMES}) on a type. */
    public long baselineCorrect(int b, MentionType t) { return baselineCorrect[b * TYPES + t.ordinal()]; }

    /** Adds one segment with the attention of its encoding. */
    public void add(CorefSegment seg, SentenceAttention attention) {
        if (attention.layers() != layers || attention.heads() != heads) throw new IllegalArgumentException("attention has " + attention.layers() + "x" + attention.heads() + " heads, accumulator " + layers + "x" + heads);
        WordUnits units = WordUnits.of(seg.encoding());
        List<SegmentMention> all = seg.mentions();
        int n = all.size();
        // Evaluated mentions and the head words of their antecedents.
        SegmentMention[] eval = new SegmentMention[n];
        @SuppressWarnings("unchecked") Set<Integer>[] antecedentHeads = new Set[n];
        int k = 0;
        for (SegmentMention m : all) {
            Set<Integer> heads = new HashSet<>();
            for (SegmentMention c : seg.candidates(m)) if (c.entityId().equals(m.entityId())) heads.add(c.head());
            if (heads.isEmpty()) continue;
            eval[k] = m;
            antecedentHeads[k++] = heads;
            mentions[m.type().ordinal()]++;
            List<SegmentMention> cands = seg.candidates(m);
            for (int b = 0; b < CorefBaselines.NAMES.length; b++) {
                if (heads.contains(CorefBaselines.pick(b, m, cands).head())) baselineCorrect[b * TYPES + m.type().ordinal()]++;
            }
        }
        if (k > 0) {
            for (int l = 0; l < layers; l++)
                for (int h = 0; h < heads; h++) {
                    double[][] a = WordAttention.betweenWords(attention.map(l, h), units);
                    for (int i = 0; i < k; i++) {
                        int w = eval[i].head();
                        if (antecedentHeads[i].contains(Argmax.ofRow(a[w], w))) headCorrect[(l * heads + h) * TYPES + eval[i].type().ordinal()]++;
                    }
                }
        }
        segments++;
    }

    /** Adds another shard's counts. */
    public void merge(CorefAccumulator o) {
        if (o.layers != layers || o.heads != heads) throw new IllegalArgumentException("cannot merge accumulators of different shapes");
        segments += o.segments;
        skipped += o.skipped;
        for (int i = 0; i < TYPES; i++) mentions[i] += o.mentions[i];
        for (int i = 0; i < headCorrect.length; i++) headCorrect[i] += o.headCorrect[i];
        for (int i = 0; i < baselineCorrect.length; i++) baselineCorrect[i] += o.baselineCorrect[i];
    }

    // ---- derived numbers ----

    private long total() { long s = 0; for (long m : mentions) s += m; return s; }

    /** Accuracy of a head on a type, or on all mentions when {@code type} is null. */
    public double headAccuracy(int layer, int head, MentionType type) {
        if (type != null) return (double) headCorrect(layer, head, type) / mentions(type);
        long c = 0;
        for (MentionType t : MentionType.values()) c += headCorrect(layer, head, t);
        return (double) c / total();
    }

    /** Accuracy of a baseline on a type, or on all mentions when {@code type} is null. */
    public double baselineAccuracy(int b, MentionType type) {
        if (type != null) return (double) baselineCorrect(b, type) / mentions(type);
        long c = 0;
        for (MentionType t : MentionType.values()) c += baselineCorrect(b, t);
        return (double) c / total();
    }

    /** Best head {layer, head} on a type (null = all); lowest layer/head on ties. */
    public int[] bestHead(MentionType type) {
        int[] best = {0, 0};
        for (int l = 0; l < layers; l++)
            for (int h = 0; h < heads; h++)
                if (headAccuracy(l, h, type) > headAccuracy(best[0], best[1], type)) best = new int[]{l, h};
        return best;
    }

    /** Report JSON: counts, baselines, best heads and every head's accuracy by type. */
    public ObjectNode resultJson() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("segments", segments).put("skipped", skipped);
        ObjectNode m = root.putObject("mentions");
        m.put("all", total());
        for (MentionType t : MentionType.values()) m.put(t.key(), mentions(t));
        if (total() == 0) return root;
        ObjectNode b = root.putObject("baselines");
        for (int i = 0; i < CorefBaselines.NAMES.length; i++) {
            ObjectNode x = b.putObject(CorefBaselines.NAMES[i]);
            x.put("all", baselineAccuracy(i, null));
            for (MentionType t : MentionType.values()) x.put(t.key(), baselineAccuracy(i, t));
        }
        ObjectNode best = root.putObject("best");
        putBest(best.putObject("all"), null);
        for (MentionType t : MentionType.values()) if (mentions(t) > 0) putBest(best.putObject(t.key()), t);
        ObjectNode hs = root.putObject("heads");
        for (int l = 0; l < layers; l++)
            for (int h = 0; h < heads; h++) {
                ObjectNode x = hs.putObject(HeadLabels.label(l, h));
                x.put("all", headAccuracy(l, h, null));
                for (MentionType t : MentionType.values()) x.put(t.key(), headAccuracy(l, h, t));
            }
        return root;
    }

    private void putBest(ObjectNode n, MentionType t) {
        int[] b = bestHead(t);
        n.put("head", HeadLabels.label(b[0], b[1])).put("accuracy", headAccuracy(b[0], b[1], t));
    }

    /** Markdown table in the layout of Clark et al. Table 2 (rows: baselines, best head overall; columns: types). */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Segments: %d (skipped sentences %d); mentions: %d (pronoun %d, proper %d, nominal %d)%n%n",
                segments, skipped, total(), mentions(MentionType.PRONOUN), mentions(MentionType.PROPER), mentions(MentionType.NOMINAL)));
        sb.append("| Model | All | Pronoun | Proper | Nominal |\n|---|---:|---:|---:|---:|\n");
        String[] names = {"Nearest", "Head word match", "Rule-based sieve"};
        for (int i = 0; i < names.length; i++) {
            final int b = i;
            sb.append(row(names[i], t -> baselineAccuracy(b, t)));
        }
        int[] best = bestHead(null);
        sb.append(row("Head " + HeadLabels.label(best[0], best[1]), t -> headAccuracy(best[0], best[1], t)));
        return sb.toString();
    }

    private String row(String name, java.util.function.Function<MentionType, Double> acc) {
        StringBuilder sb = new StringBuilder("| " + name + " | ").append(String.format(Locale.ROOT, "%.1f", 100 * acc.apply(null)));
        for (MentionType t : MentionType.values()) sb.append(String.format(Locale.ROOT, " | %.1f", 100 * acc.apply(t)));
        return sb.append(" |\n").toString();
    }

    // ---- resumable state ----

    /** Raw counts as JSON. */
    public ObjectNode toJson() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("kind", "coref-accumulator").put("layers", layers).put("heads", heads).put("segments", segments).put("skipped", skipped);
        put(root.putArray("mentions"), mentions);
        put(root.putArray("head_correct"), headCorrect);
        put(root.putArray("baseline_correct"), baselineCorrect);
        return root;
    }

    private static void put(ArrayNode a, long[] v) { for (long x : v) a.add(x); }

    /** Restores from {@link #toJson()}. */
    public static CorefAccumulator fromJson(JsonNode root) {
        if (!"coref-accumulator".equals(root.path("kind").asText())) throw new IllegalArgumentException("not a coref accumulator state (kind=" + root.path("kind").asText() + ")");
        CorefAccumulator a = new CorefAccumulator(root.get("layers").asInt(), root.get("heads").asInt());
        a.segments = root.get("segments").asLong();
        a.skipped = root.get("skipped").asLong();
        read(root.get("mentions"), a.mentions, "mentions");
        read(root.get("head_correct"), a.headCorrect, "head_correct");
        read(root.get("baseline_correct"), a.baselineCorrect, "baseline_correct");
        return a;
    }

    private static void read(JsonNode n, long[] v, String name) {
        if (n == null || n.size() != v.length) throw new IllegalArgumentException("'" + name + "' missing or of the wrong size");
        for (int i = 0; i < v.length; i++) v[i] = n.get(i).asLong();
    }
}
