package org.bertology4j.viewer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the HTML viewer shows for one input: the word pieces and their words, the attention of every head,
 * and optionally the gradient flows G and G*, the attention-based attributions (rollout, flow, norm-based attention)
 * and DeepLIFT token scores, plus the model identity and settings.
 *
 * <p>Shapes ({@code L} layers, {@code H} heads, {@code T} pieces):
 * <ul>
 *   <li>attention {@code [L][H][T][T]}, row = attending piece, column = attended piece, values in [0, 1];</li>
 *   <li>G and G* {@code [L][T][T]}, entry {@code [n][t2][t1]} = flow from piece t1 into piece t2 at layer n+1
 *       (row = receiving piece, as for attention), finite and non-negative;</li>
 *   <li>attention rollout and attention flow (Abnar and Zuidema 2020) {@code [L][T][T]}, entry {@code [n][i][j]} = how
 *       much of input piece j reaches piece i after layer n+1, in [0, 1];</li>
 *   <li>norm-based attention (Kobayashi et al. 2020): per head ‖α f(x)‖ {@code [L][H][T][T]} and heads mixed
 *       ‖Σ_h α f(x)‖ {@code [L][T][T]}, row = attending piece, finite and non-negative (not bounded by 1);</li>
 *   <li>DeepLIFT {@code [L+1][T]}: index 0 = embedding output h_0, index n = output of layer n; any finite sign.</li>
 *   <li>token scores of other attribution methods ({@link ScoreSet}): labelled rows {@code [rows][T]}, any finite sign,
 *       coloured like DeepLIFT (the page's colouring selector chooses the method and the row).</li>
 * </ul>
 * Built and validated by {@link Builder#build()}, which throws {@link IllegalArgumentException} naming the first
 * offending field and index. The large arrays are kept by reference (not copied): do not modify them afterwards.
 */
public final class ViewerData {
    /** Attention weights may exceed 1 by this much (float rounding in softmax). */
    static final float ATTENTION_TOLERANCE = 1e-4f;

    private final List<String> tokens;
    private final int[] wordIndex;
    private final List<String> words;
    private final int[] segmentIds;
    private final float[][][][] attention;
    private final float[][][] gradientFlow;
    private final float[][][] gradientFlowFromInput;
    private final float[][][] rollout;
    private final float[][][] attentionFlow;
    private final float[][][][] valueNorm;
    private final float[][][] valueNormMixed;
    private final float[][] deepLift;
    private final Map<String, ScoreSet> scoreSets;
    private final String modelName;
    private final String modelHash;
    private final Map<String, String> settings;

    private ViewerData(Builder b) {
        this.tokens = List.copyOf(b.tokens);
        this.wordIndex = b.wordIndex.clone();
        this.words = List.copyOf(b.words);
        this.segmentIds = b.segmentIds.clone();
        this.attention = b.attention;
        this.gradientFlow = b.gradientFlow;
        this.gradientFlowFromInput = b.gradientFlowFromInput;
        this.rollout = b.rollout;
        this.attentionFlow = b.attentionFlow;
        this.valueNorm = b.valueNorm;
        this.valueNormMixed = b.valueNormMixed;
        this.deepLift = b.deepLift;
        this.scoreSets = Collections.unmodifiableMap(new LinkedHashMap<>(b.scoreSets));
        this.modelName = b.modelName;
        this.modelHash = b.modelHash;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
    }

    /**
     * Token scores of one attribution method.
     *
     * @param label     the method's name as the page shows it
     * @param rowLabels one label per row (e.g. "word embeddings", "layer 3")
     * @param rows      {@code [rows][T]}, finite
     */
    public record ScoreSet(String label, List<String> rowLabels, float[][] rows) {}

    /** Token scores of attribution methods by id (besides DeepLIFT's own), in the order added. */
    public Map<String, ScoreSet> scoreSets() { return scoreSets; }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Word pieces, including {@code [CLS]} and {@code [SEP]}. */
    public List<String> tokens() { return tokens; }

    /** Number of pieces T. */
    public int tokenCount() { return tokens.size(); }

    /** For each piece, the index of its word in {@link #words()}, or -1 for special pieces ([CLS], [SEP]). */
    public int[] wordIndex() { return wordIndex.clone(); }

    /** The words the pieces come from. */
    public List<String> words() { return words; }

    /** Segment id (0 or 1 for BERT) of each piece. */
    public int[] segmentIds() { return segmentIds.clone(); }

    /** Attention {@code [L][H][T][T]} (by reference). */
    public float[][][][] attention() { return attention; }

    /** Number of layers L. */
    public int layerCount() { return attention.length; }

    /** Number of heads per layer H. */
    public int headCount() { return attention[0].length; }

    /** G {@code [L][T][T]}, or null when absent. */
    public float[][][] gradientFlow() { return gradientFlow; }

    /** G* {@code [L][T][T]}, or null when absent. */
    public float[][][] gradientFlowFromInput() { return gradientFlowFromInput; }

    /** Attention rollout {@code [L][T][T]} ({@code [n]} = after layer n+1), or null when absent. */
    public float[][][] rollout() { return rollout; }

    /** Attention flow {@code [L][T][T]} ({@code [n]} = into layer n+1), or null when absent. */
    public float[][][] attentionFlow() { return attentionFlow; }

    /** Norm-based attention per head ‖α_h[i][j] f_h(x_j)‖ {@code [L][H][T][T]}, or null when absent. */
    public float[][][][] valueNorm() { return valueNorm; }

    /** Norm-based attention with the heads mixed ‖Σ_h α_h[i][j] f_h(x_j)‖ {@code [L][T][T]}, or null when absent. */
    public float[][][] valueNormMixed() { return valueNormMixed; }

    /** DeepLIFT token scores {@code [L+1][T]}, or null when absent. */
    public float[][] deepLift() { return deepLift; }

    /** Model name shown in the page header. */
    public String modelName() { return modelName; }

    /** Hash of the model file (e.g. SHA-256 hex), shown in the page header; may be empty. */
    public String modelHash() { return modelHash; }

    /** Settings shown in the page header, in insertion order. */
    public Map<String, String> settings() { return settings; }

    /** Builds and validates a {@link ViewerData}. */
    public static final class Builder {
        private List<String> tokens;
        private int[] wordIndex;
        private List<String> words;
        private int[] segmentIds;
        private float[][][][] attention;
        private float[][][] gradientFlow;
        private float[][][] gradientFlowFromInput;
        private float[][][] rollout;
        private float[][][] attentionFlow;
        private float[][][][] valueNorm;
        private float[][][] valueNormMixed;
        private float[][] deepLift;
        private final Map<String, ScoreSet> scoreSets = new LinkedHashMap<>();
        private String modelName = "";
        private String modelHash = "";
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {}

        /** Pieces, word index per piece (-1 for specials) and the words (required). */
        public Builder tokens(List<String> pieces, int[] wordIndexOfPiece, List<String> wordList) {
            this.tokens = pieces;
            this.wordIndex = wordIndexOfPiece;
            this.words = wordList;
            return this;
        }

        /** Segment id per piece; all 0 when not set. */
        public Builder segmentIds(int[] ids) { this.segmentIds = ids; return this; }

        /** Attention {@code [L][H][T][T]} (required). */
        public Builder attention(float[][][][] a) { this.attention = a; return this; }

        /** G {@code [L][T][T]}, entry [n][t2][t1] = flow from t1 into t2 at layer n+1 (optional). */
        public Builder gradientFlow(float[][][] g) { this.gradientFlow = g; return this; }

        /** G* {@code [L][T][T]}, entry [n][t2][t1] = flow from h_0[t1] into h_{n+1}[t2] (optional). */
        public Builder gradientFlowFromInput(float[][][] g) { this.gradientFlowFromInput = g; return this; }

        /** Attention rollout {@code [L][T][T]}, entry [n][i][j] = share of input piece j in piece i after layer n+1, in [0, 1] (optional). */
        public Builder rollout(float[][][] r) { this.rollout = r; return this; }

        /** Attention flow {@code [L][T][T]}, entry [n][i][j] = max-flow from input piece j into piece i of layer n+1, in [0, 1] (optional). */
        public Builder attentionFlow(float[][][] f) { this.attentionFlow = f; return this; }

        /** Norm-based attention per head {@code [L][H][T][T]}, entry [l][h][i][j] = ‖α_h[i][j] f_h(x_j)‖ at layer l+1, non-negative (optional). */
        public Builder valueNorm(float[][][][] perHead) { this.valueNorm = perHead; return this; }

        /** Norm-based attention with the heads mixed {@code [L][T][T]}, entry [l][i][j] = ‖Σ_h α_h[i][j] f_h(x_j)‖, non-negative (optional). */
        public Builder valueNormMixed(float[][][] mixed) { this.valueNormMixed = mixed; return this; }

        /** DeepLIFT scores {@code [L+1][T]} (optional). */
        public Builder deepLift(float[][] scores) { this.deepLift = scores; return this; }

        /** Token scores of an attribution method {@code id} (a short name such as {@code ig}), labelled rows [rows][T] (optional). */
        public Builder tokenScores(String id, String label, List<String> rowLabels, float[][] rows) {
            if (id == null || !id.matches("[a-z0-9-]+")) throw new IllegalArgumentException("viewer data: score set id '" + id + "' must be [a-z0-9-]+");
            if (id.equals("deeplift") || scoreSets.containsKey(id)) throw new IllegalArgumentException("viewer data: score set '" + id + "' given twice");
            scoreSets.put(id, new ScoreSet(Objects.requireNonNull(label, "label"), List.copyOf(rowLabels), rows));
            return this;
        }

        /** Model name and file hash (either may be empty, not null). */
        public Builder model(String name, String fileHash) {
            this.modelName = Objects.requireNonNull(name, "model name");
            this.modelHash = Objects.requireNonNull(fileHash, "model file hash");
            return this;
        }

        /** Adds one setting shown in the header. */
        public Builder setting(String key, Object value) {
            settings.put(Objects.requireNonNull(key, "setting key"), String.valueOf(value));
            return this;
        }

        /** Validates all shapes and values and builds the data; throws {@link IllegalArgumentException} naming the problem. */
        public ViewerData build() {
            if (tokens == null || wordIndex == null || words == null) {
                throw new IllegalArgumentException("viewer data: tokens, word indices and words are required");
            }
            int t = tokens.size();
            if (t == 0) throw new IllegalArgumentException("viewer data: no tokens");
            for (int i = 0; i < t; i++) {
                if (tokens.get(i) == null) throw new IllegalArgumentException("viewer data: token " + i + " is null");
            }
            for (int i = 0; i < words.size(); i++) {
                if (words.get(i) == null) throw new IllegalArgumentException("viewer data: word " + i + " is null");
            }
            if (wordIndex.length != t) {
                throw new IllegalArgumentException("viewer data: " + wordIndex.length + " word indices for " + t + " tokens");
            }
            for (int i = 0; i < t; i++) {
                if (wordIndex[i] < -1 || wordIndex[i] >= words.size()) {
                    throw new IllegalArgumentException("viewer data: token " + i + " '" + tokens.get(i) + "' has word index "
                            + wordIndex[i] + ", outside -1.." + (words.size() - 1));
                }
            }
            if (segmentIds == null) segmentIds = new int[t];
            if (segmentIds.length != t) {
                throw new IllegalArgumentException("viewer data: " + segmentIds.length + " segment ids for " + t + " tokens");
            }
            for (int i = 0; i < t; i++) {
                if (segmentIds[i] < 0) throw new IllegalArgumentException("viewer data: token " + i + " has negative segment id " + segmentIds[i]);
            }
            validateAttention(t);
            int layers = attention.length;
            validateLayerMaps("G", gradientFlow, layers, t, Range.GRADIENT_NORM);
            validateLayerMaps("G*", gradientFlowFromInput, layers, t, Range.GRADIENT_NORM);
            validateLayerMaps("rollout", rollout, layers, t, Range.UNIT);
            validateLayerMaps("attention flow", attentionFlow, layers, t, Range.UNIT);
            validateValueNorm(layers, attention[0].length, t);
            validateLayerMaps("value-norm (heads mixed)", valueNormMixed, layers, t, Range.NORM);
            validateDeepLift(layers, t);
            for (Map.Entry<String, ScoreSet> e : scoreSets.entrySet()) validateScores(e.getKey(), e.getValue(), t);
            return new ViewerData(this);
        }

        private void validateAttention(int t) {
            if (attention == null) throw new IllegalArgumentException("viewer data: attention is required");
            if (attention.length == 0) throw new IllegalArgumentException("viewer data: attention has no layers");
            int heads = -1;
            for (int l = 0; l < attention.length; l++) {
                if (attention[l] == null || attention[l].length == 0) {
                    throw new IllegalArgumentException("viewer data: attention layer " + l + " has no heads");
                }
                if (heads < 0) heads = attention[l].length;
                if (attention[l].length != heads) {
                    throw new IllegalArgumentException("viewer data: attention layer " + l + " has " + attention[l].length
                            + " heads, layer 0 has " + heads);
                }
                for (int h = 0; h < heads; h++) checkMap("attention layer " + l + " head " + h, attention[l][h], t, Range.ATTENTION);
            }
        }

        /** Per-head norms: the attention's layers and heads, each map non-negative. */
        private void validateValueNorm(int layers, int heads, int t) {
            if (valueNorm == null) return;
            if (valueNorm.length != layers) {
                throw new IllegalArgumentException("viewer data: value-norm has " + valueNorm.length + " layers, attention has " + layers);
            }
            for (int l = 0; l < layers; l++) {
                int has = valueNorm[l] == null ? 0 : valueNorm[l].length;
                if (has != heads) {
                    throw new IllegalArgumentException("viewer data: value-norm layer " + l + " has " + has + " heads, attention has " + heads);
                }
                for (int h = 0; h < heads; h++) checkMap("value-norm layer " + l + " head " + h, valueNorm[l][h], t, Range.NORM);
            }
        }

        private static void validateLayerMaps(String name, float[][][] maps, int layers, int t, Range range) {
            if (maps == null) return;
            if (maps.length != layers) {
                throw new IllegalArgumentException("viewer data: " + name + " has " + maps.length + " layers, attention has " + layers);
            }
            for (int n = 0; n < layers; n++) checkMap(name + " layer " + n, maps[n], t, range);
        }

        /** The values a map may hold, and how the error says so. */
        private enum Range {
            ATTENTION("attention must lie in [0, 1]"),
            UNIT("must lie in [0, 1]"),
            GRADIENT_NORM("must be finite and non-negative (a gradient norm)"),
            NORM("must be finite and non-negative (a vector norm)");

            private final String rule;

            Range(String rule) { this.rule = rule; }

            boolean accepts(float v) {
                return this == ATTENTION || this == UNIT ? v >= 0f && v <= 1f + ATTENTION_TOLERANCE : v >= 0f && v < Float.POSITIVE_INFINITY;
            }
        }

        private static void checkMap(String where, float[][] m, int t, Range range) {
            checkSquare(where, m, t);
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    float v = m[i][j];
                    if (!range.accepts(v)) {
                        throw new IllegalArgumentException("viewer data: " + where + " [" + i + "][" + j + "] = " + v + ", " + range.rule);
                    }
                }
            }
        }

        private void validateDeepLift(int layers, int t) {
            if (deepLift == null) return;
            if (deepLift.length != layers + 1) {
                throw new IllegalArgumentException("viewer data: DeepLIFT has " + deepLift.length + " rows, expected layers + 1 = "
                        + (layers + 1) + " (embeddings, then each layer)");
            }
            for (int n = 0; n < deepLift.length; n++) {
                if (deepLift[n] == null || deepLift[n].length != t) {
                    throw new IllegalArgumentException("viewer data: DeepLIFT row " + n + " has "
                            + (deepLift[n] == null ? "no" : String.valueOf(deepLift[n].length)) + " scores for " + t + " tokens");
                }
                for (int i = 0; i < t; i++) {
                    if (!Float.isFinite(deepLift[n][i])) {
                        throw new IllegalArgumentException("viewer data: DeepLIFT row " + n + " token " + i + " = " + deepLift[n][i]
                                + ", must be finite");
                    }
                }
            }
        }

        private static void validateScores(String id, ScoreSet s, int t) {
            float[][] rows = s.rows();
            if (rows == null || rows.length == 0) throw new IllegalArgumentException("viewer data: score set '" + id + "' has no rows");
            if (s.rowLabels().size() != rows.length) {
                throw new IllegalArgumentException("viewer data: score set '" + id + "' has " + s.rowLabels().size() + " row labels for "
                        + rows.length + " rows");
            }
            for (int n = 0; n < rows.length; n++) {
                if (rows[n] == null || rows[n].length != t) {
                    throw new IllegalArgumentException("viewer data: score set '" + id + "' row " + n + " has "
                            + (rows[n] == null ? "no" : String.valueOf(rows[n].length)) + " scores for " + t + " tokens");
                }
                for (int i = 0; i < t; i++) {
                    if (!Float.isFinite(rows[n][i])) {
                        throw new IllegalArgumentException("viewer data: score set '" + id + "' row " + n + " token " + i + " = "
                                + rows[n][i] + ", must be finite");
                    }
                }
            }
        }

        private static void checkSquare(String where, float[][] m, int t) {
            if (m == null || m.length != t) {
                throw new IllegalArgumentException("viewer data: " + where + " has " + (m == null ? "no" : String.valueOf(m.length))
                        + " rows, expected " + t + " (one per token)");
            }
            for (int i = 0; i < t; i++) {
                if (m[i] == null || m[i].length != t) {
                    throw new IllegalArgumentException("viewer data: " + where + " row " + i + " has "
                            + (m[i] == null ? "no" : String.valueOf(m[i].length)) + " columns, expected " + t);
                }
            }
        }
    }
}
