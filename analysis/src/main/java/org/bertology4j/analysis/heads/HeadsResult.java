package org.bertology4j.analysis.heads;

import org.bertology4j.io.AtomicFiles;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.plot.HeadPlots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.HeadLabels;

import java.util.Comparator;
import java.util.Locale;

/** Accuracies derived from a {@link HeadsAccumulator}: per relation, best (head, direction), best offset. */
public final class HeadsResult {
    /** Best (head, direction) of one relation; ties go to the lowest (layer, head, direction). */
    public record Best(int layer, int head, int direction, double accuracy) {
        public String label() { return HeadLabels.label(layer, head); }
        public String directionName() { return HeadsAccumulator.DIRECTIONS[direction]; }
    }

    /** Best fixed offset; ties go to the first in {@link HeadsAccumulator#OFFSETS} order. */
    public record BestOffset(int offset, double accuracy) {}

    /** Clark et al. Sect. 4.1: "some words (∼8% in our data) are split up into multiple tokens". */
    public static final double PAPER_SPLIT_RATE = 0.08;

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
        root.putObject("word_split").put("words", acc.words()).put("split_words", acc.splitWords())
                .put("rate", acc.words() == 0 ? 0 : (double) acc.splitWords() / acc.words()).put("paper", PAPER_SPLIT_RATE)
                .put("paper_source", "Sect. 4.1");
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
        if (acc.words() > 0) {
            sb.append(String.format(Locale.ROOT, "Words split into more than one piece: %d of %d (%.1f%%; paper, Sect. 4.1: "
                    + "\"some words (∼8%% in our data) are split up into multiple tokens\").%n%n", acc.splitWords(), acc.words(),
                    100.0 * acc.splitWords() / acc.words()));
        }
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

    /** Relations Clark et al. single out (UD names of their Stanford labels), shown in the bar figure. */
    public static final List<String> FEATURED = List.of("det", "obj", "nmod:poss", "aux:pass", "compound:prt", "amod",
            "ccomp", "nsubj", "advmod", "aux", "mark", "case", "compound");

    /**
     * Writes {@code heads.json}, {@code heads.md} (Table 1 layout, after {@code runNote}) and, with {@code plots}, the
     * per-head UAS heatmaps and the best-head-per-relation bars into {@code out}; every file atomically.
     *
     * @return the files written
     */
    public List<Path> write(Path out, boolean plots, String runNote) throws IOException {
        List<Path> written = new ArrayList<>();
        Path jp = out.resolve("heads.json");
        JsonFiles.write(jp, toJson());
        written.add(jp);
        Path md = out.resolve("heads.md");
        AtomicFiles.writeString(md, "# Single heads as dependency parsers (Clark et al. 2019, Table 1 layout)\n\n"
                + runNote + "\n" + toMarkdown(50));
        written.add(md);
        if (!plots) return written;
        for (int d = 0; d < 2; d++) {
            double[][] v = new double[acc.layers()][acc.heads()];
            for (int l = 0; l < acc.layers(); l++)
                for (int h = 0; h < acc.heads(); h++) v[l][h] = accuracy(acc.overall(), l, h, d);
            Path png = out.resolve("heads-uas-" + (d == 0 ? "dep-to-head" : "head-from-dep") + ".png");
            HeadPlots.layerHeadHeatmap(png, "Per-head UAS, " + HeadsAccumulator.DIRECTIONS[d], v);
            written.add(png);
        }
        List<String> cats = new ArrayList<>();
        List<Double> best = new ArrayList<>(), base = new ArrayList<>();
        for (String rel : FEATURED) {
            HeadsAccumulator.Tally t = acc.byRelation().getOrDefault(rel, acc.byBaseRelation().get(rel));
            if (t == null || t.count() == 0) continue;
            Best b = best(t);
            cats.add(rel + " " + b.label());
            best.add(b.accuracy());
            base.add(bestOffset(t).accuracy());
        }
        if (!cats.isEmpty()) {
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put("best head", best.stream().mapToDouble(Double::doubleValue).toArray());
            series.put("best fixed offset", base.stream().mapToDouble(Double::doubleValue).toArray());
            Path png = out.resolve("heads-best-per-relation.png");
            HeadPlots.bars(png, "Best single head vs offset baseline", "accuracy", cats, series);
            written.add(png);
        }
        return written;
    }
}
