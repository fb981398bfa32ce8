package org.bertology4j.core.deeplift;

/**
 * DeepLIFT attribution of one target for one sequence of T tokens (averaged when the reference is an
 * average), immutable like {@code grad.Gradients} and {@code JacobianNorms.Maps}: the arrays are copied in and out.
 * Completeness: Σ_t tokenScores[t] = delta() and, for every n, Σ_t layerScores[n][t] = delta(),
 * up to the reported residuals.
 *
 * @param target               what was explained (QA argmax positions resolved); null for a custom
 *                             {@link DeepLift.LastHiddenObjective}
 * @param tokenScores          contribution of each token's word-embedding vector, Σ_h m·Δe [T]
 * @param layerScores          contribution of each token's h_n, Σ_h m·Δh_n, for n = 0 (embedding output)
 *                             .. L [L+1][T]
 * @param targetInput          target value on the input
 * @param targetReference      target value on the reference (mean over references)
 * @param residual             delta − Σ tokenScores
 * @param layerResiduals       delta − Σ_t layerScores[n][t] [L+1]
 * @param embeddingMultipliers multipliers of the word-embedding vectors [T][H] (mean over references)
 * @param referenceCount       number of references averaged
 */
public record Attribution(Target target, double[] tokenScores, double[][] layerScores, double targetInput,
                          double targetReference, double residual, double[] layerResiduals,
                          double[][] embeddingMultipliers, int referenceCount) {
    public Attribution {
        tokenScores = tokenScores.clone();
        layerScores = copy(layerScores);
        layerResiduals = layerResiduals.clone();
        embeddingMultipliers = copy(embeddingMultipliers);
    }

    @Override
    public double[] tokenScores() { return tokenScores.clone(); }

    @Override
    public double[][] layerScores() { return copy(layerScores); }

    @Override
    public double[] layerResiduals() { return layerResiduals.clone(); }

    @Override
    public double[][] embeddingMultipliers() { return copy(embeddingMultipliers); }

    private static double[][] copy(double[][] a) { return java.util.Arrays.stream(a).map(double[]::clone).toArray(double[][]::new); }

    /** Δtarget = target(input) − target(reference). */
    public double delta() { return targetInput - targetReference; }

    /** Sequence length T. */
    public int length() { return tokenScores.length; }

    /** Number of layers L (layerScores has L+1 rows). */
    public int numLayers() { return layerScores.length - 1; }

    /** |residual| / max(|Δtarget|, tiny): the end-to-end summation-to-delta error. */
    public double relativeResidual() { return Math.abs(residual) / Math.max(Math.abs(delta()), 1e-300); }

    /** Largest |layer residual| / |Δtarget| over the layers. */
    public double maxRelativeLayerResidual() {
        double m = 0;
        for (double r : layerResiduals) m = Math.max(m, Math.abs(r) / Math.max(Math.abs(delta()), 1e-300));
        return m;
    }
}
