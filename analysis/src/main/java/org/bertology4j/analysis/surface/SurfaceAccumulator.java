package org.bertology4j.analysis.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.HeadLabels;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.tokenizer.Encoding;

/**
 * Surface attention statistics per head (Clark et al. section 3): mean over sequences of per-sequence means.
 *
 * <p>Per sequence of T tokens, rows = attending tokens, all rows counted (specials included):
 * previous = mean over rows i >= 1 of A[i][i-1]; next = mean over rows i <= T-2 of A[i][i+1]; self = mean of
 * A[i][i]; cls / sep / period / comma = mean over rows of the total attention to [CLS] / all [SEP] / all "." /
 * all "," pieces (0 when absent); sep_to_sep = mean over the [SEP] rows of their attention to all [SEP];
 * entropy = mean over rows of the entropy (nats) of {@code 0.9999*A + 0.0001/T}; cls_entropy = that entropy
 * of the [CLS] row; max_weight = mean over rows of the row's largest weight; broad_rows = share of rows whose largest
 * weight is at most {@value #BROAD_ROW_MAX} (Clark et al. Sect. 3.3: broad heads "typically spend at most 10% of their
 * attention mass on any single word"; here per piece, like the other statistics). Also the pieces and the mean of
 * ln T over sequences (the entropy of uniform attention). Sums of doubles: merging shards is exact up to
 * floating-point addition order.
 */
public final class SurfaceAccumulator {
    /** Statistic names, in array order. */
    public static final String[] STATS = {"previous", "next", "self", "cls", "sep", "period", "comma", "sep_to_sep", "entropy",
            "cls_entropy", "max_weight", "broad_rows"};
    /** A row is broad when its largest weight is at most this (Clark et al. Sect. 3.3: "at most 10%"). */
    public static final double BROAD_ROW_MAX = 0.1;
    static final double SMOOTH = 1e-4;

    private final int layers, heads;
    private long sequences, tokens;
    private double logTokens;     // sum over sequences of ln T
    private final double[] sums; // [(layer*heads+head)*STATS + stat]

    public SurfaceAccumulator(int layers, int heads) {
        this.layers = layers;
        this.heads = heads;
        this.sums = new double[layers * heads * STATS.length];
    }

    public int layers() { return layers; }

    public int heads() { return heads; }

    /** Sequences added. */
    public long sequences() { return sequences; }

    /** Pieces over all sequences added. */
    public long tokens() { return tokens; }

    /** Mean over sequences of ln T: the entropy (nats) of uniform attention, the largest a row can have. */
    public double uniformEntropy() { return logTokens / sequences; }

    /** Index of a statistic name. */
    public static int stat(String name) {
        for (int i = 0; i < STATS.length; i++) if (STATS[i].equals(name)) return i;
        throw new IllegalArgumentException("unknown statistic '" + name + "'");
    }

    /** Mean over sequences of statistic {@code stat} for (layer, head). */
    public double mean(int layer, int head, int stat) {
        return sums[(layer * heads + head) * STATS.length + stat] / sequences;
    }

    /** Adds one sequence. */
    public void add(Encoding e, SentenceAttention attention) {
        int t = e.length();
        if (attention.length() != t) throw new IllegalArgumentException("attention length " + attention.length() + " != encoding length " + t);
        if (attention.layers() != layers || attention.heads() != heads) throw new IllegalArgumentException("attention has " + attention.layers() + "x" + attention.heads() + " heads, accumulator " + layers + "x" + heads);
        if (t < 3) throw new IllegalArgumentException("sequence of " + t + " tokens is too short for surface statistics");
        boolean[] sep = new boolean[t], period = new boolean[t], comma = new boolean[t];
        int seps = 0;
        for (int j = 0; j < t; j++) {
            String p = e.pieces()[j];
            sep[j] = p.equals("[SEP]");
            period[j] = p.equals(".");
            comma[j] = p.equals(",");
            if (sep[j]) seps++;
        }
        if (!e.pieces()[0].equals("[CLS]")) throw new IllegalArgumentException("sequence does not start with [CLS]");
        for (int l = 0; l < layers; l++)
            for (int h = 0; h < heads; h++) {
                float[][] a = attention.map(l, h);
                double prev = 0, next = 0, self = 0, cls = 0, toSep = 0, toPeriod = 0, toComma = 0, sepSep = 0, ent = 0, max = 0;
                int broad = 0;
                for (int i = 0; i < t; i++) {
                    float[] row = a[i];
                    if (i >= 1) prev += row[i - 1];
                    if (i <= t - 2) next += row[i + 1];
                    self += row[i];
                    cls += row[0];
                    double s = 0, pd = 0, cm = 0;
                    float rowMax = 0;
                    for (int j = 0; j < t; j++) {
                        rowMax = Math.max(rowMax, row[j]);
                        if (sep[j]) s += row[j];
                        if (period[j]) pd += row[j];
                        if (comma[j]) cm += row[j];
                    }
                    toSep += s;
                    toPeriod += pd;
                    toComma += cm;
                    if (sep[i]) sepSep += s;
                    ent += entropy(row);
                    max += rowMax;
                    if (rowMax <= BROAD_ROW_MAX) broad++;
                }
                int base = (l * heads + h) * STATS.length;
                double[] v = {prev / (t - 1), next / (t - 1), self / t, cls / t, toSep / t, toPeriod / t, toComma / t,
                        seps == 0 ? 0 : sepSep / seps, ent / t, entropy(a[0]), max / t, (double) broad / t};
                for (int k = 0; k < v.length; k++) sums[base + k] += v[k];
            }
        sequences++;
        tokens += t;
        logTokens += Math.log(t);
    }

    /** Entropy in nats of a row after smoothing {@code 0.9999*A + 0.0001/T}. */
    public static double entropy(float[] row) {
        int t = row.length;
        double h = 0;
        for (float x : row) {
            double p = (1 - SMOOTH) * x + SMOOTH / t;
            h -= p * Math.log(p);
        }
        return h;
    }

    /** Adds another shard. */
    public void merge(SurfaceAccumulator o) {
        if (o.layers != layers || o.heads != heads) throw new IllegalArgumentException("cannot merge accumulators of different shapes");
        sequences += o.sequences;
        tokens += o.tokens;
        logTokens += o.logTokens;
        for (int i = 0; i < sums.length; i++) sums[i] += o.sums[i];
    }

    /** Report JSON: {"sequences": N, "tokens": P, "uniform_entropy": mean ln T, "heads": {"L-H": {stat: mean}}}. */
    public ObjectNode resultJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("sequences", sequences).put("tokens", tokens).put("uniform_entropy", sequences == 0 ? 0 : uniformEntropy());
        ObjectNode hs = root.putObject("heads");
        for (int l = 0; l < layers; l++)
            for (int h = 0; h < heads; h++) {
                ObjectNode x = hs.putObject(HeadLabels.label(l, h));
                for (int s = 0; s < STATS.length; s++) x.put(STATS[s], mean(l, h, s));
            }
        return root;
    }

    /** Raw sums as JSON (resumable state). */
    public ObjectNode toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("kind", "surface-accumulator").put("layers", layers).put("heads", heads).put("sequences", sequences)
                .put("tokens", tokens).put("log_tokens", logTokens);
        ArrayNode a = root.putArray("sums");
        for (double v : sums) a.add(v);
        return root;
    }

    /** Restores from {@link #toJson()}. */
    public static SurfaceAccumulator fromJson(JsonNode root) {
        if (!"surface-accumulator".equals(root.path("kind").asText())) throw new IllegalArgumentException("not a surface accumulator state (kind=" + root.path("kind").asText() + ")");
        SurfaceAccumulator s = new SurfaceAccumulator(root.get("layers").asInt(), root.get("heads").asInt());
        s.sequences = root.get("sequences").asLong();
        if (!root.has("tokens") || !root.has("log_tokens")) throw new IllegalArgumentException("surface accumulator state lacks 'tokens' (written by an older version)");
        s.tokens = root.get("tokens").asLong();
        s.logTokens = root.get("log_tokens").asDouble();
        JsonNode a = root.get("sums");
        if (a == null || a.size() != s.sums.length) throw new IllegalArgumentException("'sums' missing or of the wrong size");
        for (int i = 0; i < s.sums.length; i++) s.sums[i] = a.get(i).asDouble();
        return s;
    }
}
