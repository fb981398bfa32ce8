package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.conllu.Word;
import org.bertology4j.analysis.tasks.TaskExample;
import org.bertology4j.tokenizer.Encoding;

/**
 * Attention of each head to token classes. For one example with n real tokens and a class with token set C
 * (all pieces of the class's words; [CLS]; every [SEP]) the score is the chosen {@link TokenClassScore}: by default
 * Kovaleva et al.'s {@code max_{j∈C} (1/n) Σ_i A[i][j]}. A head's value is the mean over the examples that contain
 * the class (examples without it are skipped for that class and counted).
 */
final class TokenClassAttention {
    private final int layers, heads;
    private final TokenClassScore score;
    private final double[][][] sum;   // [class][layer][head]
    private final long[] count;       // [class]
    private final double[] uniform;   // [class] sum of the uniform map's score

    public TokenClassAttention(int layers, int heads, TokenClassScore score) {
        this.layers = layers;
        this.heads = heads;
        this.score = score;
        sum = new double[TokenClass.values().length][layers][heads];
        count = new long[TokenClass.values().length];
        uniform = new double[TokenClass.values().length];
    }

    /**
     * Which pieces belong to each class: [class][position].
     *
     * @param enc     the encoding (word indices numbered across both segments)
     * @param source  the task example, whose {@code sourceA}/{@code sourceB} give the CoNLL-U words
     * @param special [CLS]/[SEP] positions
     */
    public static boolean[][] memberships(Encoding enc, TaskExample source, boolean[] special) {
        int n = enc.length();
        TokenClass[] classes = TokenClass.values();
        boolean[][] in = new boolean[classes.length][n];
        ExampleWords words = ExampleWords.of(enc, source);
        for (int p = 0; p < n; p++) {
            if (special[p]) {
                in[p == 0 ? TokenClass.CLS.ordinal() : TokenClass.SEP.ordinal()][p] = true;
                continue;
            }
            Word w = words.word(p);
            if (w == null) continue;
            for (TokenClass c : classes) if (c.matches(w)) in[c.ordinal()][p] = true;
        }
        return in;
    }

    /** Adds one example. */
    public void add(AttentionMaps maps, boolean[][] memberships) {
        int n = maps.length();
        for (TokenClass c : TokenClass.values()) {
            boolean[] m = memberships[c.ordinal()];
            boolean any = false;
            for (boolean x : m) any |= x;
            if (!any) continue;
            count[c.ordinal()]++;
            uniform[c.ordinal()] += score == TokenClassScore.COLUMN_SUM ? 1.0 / n : 1.0;
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) sum[c.ordinal()][l][h] += score.of(maps.map(l, h), n, m);
            }
        }
    }

    /** Examples that contained the class. */
    public long examples(TokenClass c) { return count[c.ordinal()]; }

    /** What uniform attention would score on the same examples (mean; NaN when no example had the class). */
    public double uniformScore(TokenClass c) {
        return count[c.ordinal()] == 0 ? Double.NaN : uniform[c.ordinal()] / count[c.ordinal()];
    }

    /** Mean score [layer][head] of a class (NaN when no example had it). */
    public double[][] scores(TokenClass c) {
        double[][] out = new double[layers][heads];
        long k = count[c.ordinal()];
        for (int l = 0; l < layers; l++) for (int h = 0; h < heads; h++) out[l][h] = k == 0 ? Double.NaN : sum[c.ordinal()][l][h] / k;
        return out;
    }
}
