package org.bertology4j.analysis.heads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.HeadLabels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Accuracies derived from a {@link HeadsAccumulator}: per relation, best (head, direction), best offset. */
public final class HeadsResult {
    /** Best (head, direction) of one relation; ties go to the lowest (layer, head, direction). */
    public record Best(int layer, int head, int direction, double accuracy) {
        public String label() { return HeadLabels.label(layer, head); }
        public String directionName() { return HeadsAccumulator.DIRECTIONS[direction]; }
    }

    /** Best fixed offset; ties go to the first in {@link HeadsAccumulator#OFFSETS} order. */
    public record BestOffset(int offset, double accuracy) {}

    private final HeadsAccumulator acc;

    HeadsResult(HeadsAccumulator acc) { this.acc = acc; }

    /** Accuracy of (layer, head, direction) on a tally; NaN when it has no words. */
    public double accuracy(HeadsAccumulator.Tally t, int layer, int head, int direction) {
        return (double) t.correct(layer * acc.heads() + head, direction) / t.count();
    }

    /** Best (head, direction) on a tally. */
    public Best best(HeadsAccumulator.Tally t) {
        Best b = null;
        for (int l = 0; l < acc.layers(); l++)
            for (int h = 0; h < acc.heads(); h++)
                for (int d = 0; d < 2; d++) {
                    double a = accuracy(t, l, h, d);
                    if (b == null || a > b.accuracy()) b = new Best(l, h, d, a);
                }
        return b;
    }

    /** Best fixed-offset baseline on a tally. */
    public BestOffset bestOffset(HeadsAccumulator.Tally t) {
        BestOffset b = null;
        for (int k = 0; k < HeadsAccumulator.OFFSETS.length; k++) {
            double a = (double) t.offsetCorrect(k) / t.count();
            if (b == null || a > b.accuracy()) b = new BestOffset(HeadsAccumulator.OFFSETS[k], a);
        }
        return b;
    }

    /** Best (head, direction) of a full relation label, or null if the label never occurred. */
    public Best best(String relation) {
        HeadsAccumulator.Tally t = acc.byRelation().get(relation);
        return t == null ? null : best(t);
    }

    /** The report JSON (layout documented in docs/clark.md). */
    public ObjectNode toJson() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("sentences", acc.sentences());
        root.put("skipped", acc.skipped());
        root.put("layers", acc.layers());
        root.put("heads_per_layer", acc.heads());
        // Every relation under its full label and its base label; when a base label is also a full label
        // (bare "nmod" beside "nmod:poss"), "relations" keeps the exact full label (closer to Clark's
        // Stanford labels, e.g. aux without aux:pass) and the pooled base counts are in "base_relations".
        ObjectNode rel = root.putObject("relations");
        java.util.TreeMap<String, HeadsAccumulator.Tally> merged = new java.util.TreeMap<>(acc.byBaseRelation());
        merged.putAll(acc.byRelation());
        merged.forEach((k, t) -> rel.set(k, relation(om, t)));
        ObjectNode base = root.putObject("base_relations");
        acc.byBaseRelation().forEach((k, t) -> base.set(k, relation(om, t)));
        root.set("overall", relation(om, acc.overall()));
        return root;
    }

    private ObjectNode relation(ObjectMapper om, HeadsAccumulator.Tally t) {
        ObjectNode n = om.createObjectNode();
        n.put("count", t.count());
        if (t.count() == 0) return n;
        Best b = best(t);
        n.putObject("best").put("head", b.label()).put("direction", b.directionName()).put("accuracy", b.accuracy());
        BestOffset o = bestOffset(t);
        n.putObject("best_offset").put("offset", o.offset()).put("accuracy", o.accuracy());
        ObjectNode hs = n.putObject("heads");
        for (int l = 0; l < acc.layers(); l++)
            for (int h = 0; h < acc.heads(); h++) {
                ObjectNode x = hs.putObject(HeadLabels.label(l, h));
                for (int d = 0; d < 2; d++) x.put(HeadsAccumulator.DIRECTIONS[d], accuracy(t, l, h, d));
            }
        return n;
    }

    /**
     * Markdown table in the layout of Clark et al. Table 1: relation, best head (direction), its accuracy and the
     * best offset baseline (offset in parentheses), for full labels with at least {@code minCount} dependents,
     * most frequent first.
     */
    public String toMarkdown(int minCount) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Sentences: %d (skipped %d)%n%n", acc.sentences(), acc.skipped()));
        sb.append("| Relation | Count | Head | Direction | Accuracy | Baseline (offset) |\n");
        sb.append("|---|---:|---|---|---:|---:|\n");
        List<Map.Entry<String, HeadsAccumulator.Tally>> rows = new ArrayList<>(acc.byRelation().entrySet());
        rows.removeIf(e -> e.getValue().count() < minCount);
        rows.sort(Comparator.comparingLong((Map.Entry<String, HeadsAccumulator.Tally> e) -> -e.getValue().count()).thenComparing(Map.Entry::getKey));
        for (var e : rows) sb.append(row(e.getKey(), e.getValue()));
        if (acc.overall().count() > 0) sb.append(row("**all (UAS)**", acc.overall()));
        return sb.toString();
    }

    private String row(String name, HeadsAccumulator.Tally t) {
        Best b = best(t);
        BestOffset o = bestOffset(t);
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f (%+d) |%n", name, t.count(), b.label(),
                b.directionName(), 100 * b.accuracy(), 100 * o.accuracy(), o.offset());
    }
}
