package org.bertology4j.analysis.qa.study;

/**
 * Per layer, the share of a target's attribution on each group of tokens: Σ_{t in group} |s_n[t]| / Σ_t |s_n[t]| of the
 * DeepLIFT scores s_n of h_n (n = 0 .. L), and the same for the question's keywords. Absolute values, because the
 * signed scores of a layer add up to Δtarget and cancel within a group.
 */
public final class LayerShares {
    private LayerShares() {}

    /** [layer][group] shares (groups in {@link TokenRole.Group} order), each row summing to 1 (0 for an all-zero row). */
    public static double[][] groups(double[][] layerScores, TokenRole[] roles) {
        TokenRole.Group[] groups = TokenRole.Group.values();
        double[][] out = new double[layerScores.length][groups.length];
        for (int n = 0; n < layerScores.length; n++) {
            double total = 0;
            for (int t = 0; t < roles.length; t++) {
                double a = Math.abs(layerScores[n][t]);
                out[n][roles[t].group().ordinal()] += a;
                total += a;
            }
            if (total > 0) for (int g = 0; g < groups.length; g++) out[n][g] /= total;
        }
        return out;
    }

    /** [layer] share of the tokens with role {@code role}. */
    public static double[] role(double[][] layerScores, TokenRole[] roles, TokenRole role) {
        double[] out = new double[layerScores.length];
        for (int n = 0; n < layerScores.length; n++) {
            double total = 0, in = 0;
            for (int t = 0; t < roles.length; t++) {
                double a = Math.abs(layerScores[n][t]);
                total += a;
                if (roles[t] == role) in += a;
            }
            out[n] = total > 0 ? in / total : 0;
        }
        return out;
    }
}
