package org.bertology4j.analysis.qa.study;

/**
 * One question of the study: the model's prediction and, per layer, the shares of the DeepLIFT attribution of its
 * predicted start and end logits on each group of tokens (what the study's checkpoint keeps per question; the token
 * scores themselves go to the question's own file).
 *
 * @param id              question id
 * @param question        question text
 * @param whWord          the question's first word, lower case (who, what, when, ...)
 * @param answerable      whether the data gives an answer
 * @param gold            the first gold answer ("" when unanswerable)
 * @param predicted       the model's answer ("" for no answer)
 * @param span            the best span's text, attributed even when the model predicts no answer ("" when none)
 * @param window          the window attributed (the best span's)
 * @param length          its length in pieces
 * @param keywords        question keyword pieces in it
 * @param startShares     [layer][group] shares of the start logit's attribution (groups of {@link TokenRole.Group})
 * @param endShares       [layer][group] of the end logit
 * @param startKeywords   [layer] share of the question keywords, start logit
 * @param endKeywords     [layer] of the end logit
 * @param startDelta      Δ start logit (input − [PAD] reference)
 * @param endDelta        Δ end logit
 * @param residual        the largest relative completeness residual over both targets and all layers
 * @param seconds         time of the attribution
 */
public record QuestionAttribution(String id, String question, String whWord, boolean answerable, String gold,
                                  String predicted, String span, int window, int length, int keywords,
                                  double[][] startShares, double[][] endShares, double[] startKeywords,
                                  double[] endKeywords, double startDelta, double endDelta, double residual, double seconds) {

    /** Whether the model answered. */
    public boolean answered() { return !predicted.isEmpty(); }

    /** [layer][group] shares averaged over the start and end targets. */
    public double[][] meanShares() {
        double[][] m = new double[startShares.length][];
        for (int n = 0; n < m.length; n++) {
            m[n] = new double[startShares[n].length];
            for (int g = 0; g < m[n].length; g++) m[n][g] = (startShares[n][g] + endShares[n][g]) / 2;
        }
        return m;
    }

    /** [layer] keyword share averaged over both targets. */
    public double[] meanKeywords() {
        double[] m = new double[startKeywords.length];
        for (int n = 0; n < m.length; n++) m[n] = (startKeywords[n] + endKeywords[n]) / 2;
        return m;
    }

    /** The clustering profile: {@link #meanShares()} flattened, layer by layer. */
    public double[] profile() {
        double[][] m = meanShares();
        double[] p = new double[m.length * m[0].length];
        for (int n = 0; n < m.length; n++) System.arraycopy(m[n], 0, p, n * m[0].length, m[0].length);
        return p;
    }
}
