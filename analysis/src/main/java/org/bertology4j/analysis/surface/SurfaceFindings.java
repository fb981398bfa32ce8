package org.bertology4j.analysis.surface;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.HeadLabels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The numbers Clark et al. (2019) state in Sections 3.1-3.3, computed from a {@link SurfaceAccumulator} and set
 * beside the paper's values (quoted from its text): the heads with more than half of their attention on the previous
 * and on the next token, the layers with more than half of their attention on [SEP], the [CLS] row's entropy in the
 * last layer, and the heads whose rows put at most 10% on any single piece.
 *
 * @param previousHeads heads whose mean attention to the previous token is above 0.5, most first
 * @param nextHeads     heads whose mean attention to the next token is above 0.5, most first
 * @param sepLayers     layers (1-based) whose mean attention to [SEP] over their heads is above 0.5
 * @param lastClsEntropy mean over the last layer's heads of the [CLS] row's entropy (nats)
 * @param uniformEntropy the entropy of uniform attention over the sequences, mean of ln T (nats)
 * @param meanTokens    mean sequence length in pieces
 * @param flatHeads     heads whose rows' largest weight is at most 0.1 on average ({@code max_weight <= 0.1})
 * @param broadestHeads the five heads of highest mean entropy, with their mean largest weight
 */
public record SurfaceFindings(List<HeadValue> previousHeads, List<HeadValue> nextHeads, int[] sepLayers,
                              double lastClsEntropy, double uniformEntropy, double meanTokens, List<HeadValue> flatHeads,
                              List<HeadValue> broadestHeads) {
    /** Paper, Sect. 3.1: "four attention heads (in layers 2, 4, 7, and 8) on average put >50% of their attention on the previous token". */
    public static final int[] PAPER_PREVIOUS_LAYERS = {2, 4, 7, 8};
    /** Paper, Sect. 3.1: "five attention heads (in layers 1, 2, 2, 3, and 6) put >50% of their attention on the next token". */
    public static final int[] PAPER_NEXT_LAYERS = {1, 2, 2, 3, 6};
    /** Paper, Sect. 3.2: "over half of BERT's attention in layers 6-10 focuses on [SEP]". */
    public static final int[] PAPER_SEP_LAYERS = {6, 7, 8, 9, 10};
    /** Paper, Sect. 3.3: "the last layer has a high entropy from [CLS] of 3.89 nats". */
    public static final double PAPER_LAST_CLS_ENTROPY = 3.89;

    /** A head (1-based label and layer) with a value. */
    public record HeadValue(String head, int layer, double value) {}

    public SurfaceFindings {
        previousHeads = List.copyOf(previousHeads);
        nextHeads = List.copyOf(nextHeads);
        sepLayers = sepLayers.clone();
        flatHeads = List.copyOf(flatHeads);
        broadestHeads = List.copyOf(broadestHeads);
    }

    /** The findings of the sequences in {@code s} (at least one). */
    public static SurfaceFindings of(SurfaceAccumulator s) {
        if (s.sequences() == 0) throw new IllegalArgumentException("no sequence was analysed");
        int last = s.layers() - 1;
        double cls = 0;
        for (int h = 0; h < s.heads(); h++) cls += s.mean(last, h, SurfaceAccumulator.stat("cls_entropy"));
        List<Integer> sep = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++) {
            double m = 0;
            for (int h = 0; h < s.heads(); h++) m += s.mean(l, h, SurfaceAccumulator.stat("sep"));
            if (m / s.heads() > 0.5) sep.add(l + 1);
        }
        // the five heads of highest mean entropy, valued by their mean largest weight
        int ent = SurfaceAccumulator.stat("entropy"), max = SurfaceAccumulator.stat("max_weight");
        List<int[]> byEntropy = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++) for (int h = 0; h < s.heads(); h++) byEntropy.add(new int[]{l, h});
        byEntropy.sort((a, b) -> Double.compare(s.mean(b[0], b[1], ent), s.mean(a[0], a[1], ent)));
        List<HeadValue> broadestMax = new ArrayList<>();
        for (int[] x : byEntropy.subList(0, Math.min(5, byEntropy.size()))) {
            broadestMax.add(new HeadValue(HeadLabels.label(x[0], x[1]), x[0] + 1, s.mean(x[0], x[1], max)));
        }
        return new SurfaceFindings(above(s, "previous", 0.5), above(s, "next", 0.5),
                sep.stream().mapToInt(Integer::intValue).toArray(), cls / s.heads(), s.uniformEntropy(),
                (double) s.tokens() / s.sequences(), atMost(s, "max_weight", SurfaceAccumulator.BROAD_ROW_MAX), broadestMax);
    }

    // Heads whose statistic is above the threshold, largest first (ties: lowest layer, head).
    private static List<HeadValue> above(SurfaceAccumulator s, String stat, double above) {
        int k = SurfaceAccumulator.stat(stat);
        List<HeadValue> out = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++)
            for (int h = 0; h < s.heads(); h++) if (s.mean(l, h, k) > above) out.add(new HeadValue(HeadLabels.label(l, h), l + 1, s.mean(l, h, k)));
        out.sort((a, b) -> Double.compare(b.value(), a.value()));
        return out;
    }

    private static List<HeadValue> atMost(SurfaceAccumulator s, String stat, double max) {
        int k = SurfaceAccumulator.stat(stat);
        List<HeadValue> out = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++)
            for (int h = 0; h < s.heads(); h++) if (s.mean(l, h, k) <= max) out.add(new HeadValue(HeadLabels.label(l, h), l + 1, s.mean(l, h, k)));
        return out;
    }

    /** The layers of a list of heads, ascending (as the paper lists them). */
    public static int[] layers(List<HeadValue> heads) {
        return heads.stream().mapToInt(HeadValue::layer).sorted().toArray();
    }

    /** As JSON: ours and the paper's value of each finding. */
    public ObjectNode toJson(int headCount) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        heads(n.putObject("previous_over_half"), previousHeads, PAPER_PREVIOUS_LAYERS, "Sect. 3.1");
        heads(n.putObject("next_over_half"), nextHeads, PAPER_NEXT_LAYERS, "Sect. 3.1");
        ObjectNode sep = n.putObject("sep_over_half_layers");
        ints(sep.putArray("ours"), sepLayers);
        ints(sep.putArray("paper"), PAPER_SEP_LAYERS);
        sep.put("paper_source", "Sect. 3.2");
        n.putObject("last_layer_cls_entropy").put("ours", lastClsEntropy).put("paper", PAPER_LAST_CLS_ENTROPY)
                .put("paper_source", "Sect. 3.3").put("uniform_entropy", uniformEntropy).put("mean_tokens", meanTokens);
        ObjectNode flat = n.putObject("heads_max_weight_at_most_0.1");
        flat.put("count", flatHeads.size()).put("share", (double) flatHeads.size() / headCount);
        ArrayNode fa = flat.putArray("heads");
        flatHeads.forEach(h -> fa.add(h.head()));
        ArrayNode ba = n.putArray("broadest_heads_max_weight");
        broadestHeads.forEach(h -> ba.addObject().put("head", h.head()).put("max_weight", h.value()));
        return n;
    }

    private static void heads(ObjectNode n, List<HeadValue> ours, int[] paperLayers, String source) {
        ArrayNode a = n.putArray("ours");
        ours.forEach(h -> a.addObject().put("head", h.head()).put("value", h.value()));
        ints(n.putArray("ours_layers"), layers(ours));
        ints(n.putArray("paper_layers"), paperLayers);
        n.put("paper_source", source);
    }

    private static void ints(ArrayNode a, int[] v) { for (int x : v) a.add(x); }

    /** A Markdown table: finding, the paper's value with its source, ours. */
    public String toMarkdown(int headCount) {
        StringBuilder md = new StringBuilder("| Finding | Paper (Clark et al. 2019) | Ours |\n|---|---|---|\n");
        md.append("| heads > 50% on the previous token | ").append(PAPER_PREVIOUS_LAYERS.length).append(", layers ")
                .append(list(PAPER_PREVIOUS_LAYERS)).append(" (Sect. 3.1) | ").append(headList(previousHeads)).append(" |\n");
        md.append("| heads > 50% on the next token | ").append(PAPER_NEXT_LAYERS.length).append(", layers ")
                .append(list(PAPER_NEXT_LAYERS)).append(" (Sect. 3.1) | ").append(headList(nextHeads)).append(" |\n");
        md.append("| layers with over half of their attention on [SEP] | ").append(list(PAPER_SEP_LAYERS))
                .append(" (Sect. 3.2) | ").append(sepLayers.length == 0 ? "none" : list(sepLayers)).append(" |\n");
        md.append(String.format(Locale.ROOT, "| [CLS] row entropy, last layer (mean over heads) | %.2f nats (Sect. 3.3) | %.2f nats "
                + "(uniform attention: %.2f nats; mean length %.1f pieces) |%n", PAPER_LAST_CLS_ENTROPY, lastClsEntropy, uniformEntropy, meanTokens));
        md.append(String.format(Locale.ROOT, "| heads whose rows put at most 10%% on any single piece (mean largest weight <= 0.1) | "
                + "\"These high-entropy attention heads typically spend at most 10%% of their attention mass on any single word\" "
                + "(Sect. 3.3; no count) | %d of %d (%.1f%%)%s |%n", flatHeads.size(), headCount, 100.0 * flatHeads.size() / headCount,
                flatHeads.isEmpty() ? "" : ": " + flatHeads.stream().map(HeadValue::head).collect(Collectors.joining(" "))));
        md.append("| largest weight of the five broadest heads | (not given) | ").append(broadestHeads.stream()
                .map(h -> String.format(Locale.ROOT, "%s %.2f", h.head(), h.value())).collect(Collectors.joining(", "))).append(" |\n");
        return md.toString();
    }

    private static String headList(List<HeadValue> hs) {
        if (hs.isEmpty()) return "none";
        return hs.size() + ", layers " + list(layers(hs)) + ": " + hs.stream()
                .map(h -> String.format(Locale.ROOT, "%s (%.2f)", h.head(), h.value())).collect(Collectors.joining(", "));
    }

    private static String list(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }
}
