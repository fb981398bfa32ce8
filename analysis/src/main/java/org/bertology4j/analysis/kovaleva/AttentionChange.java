package org.bertology4j.analysis.kovaleva;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.train.TrainingExample;

import java.util.List;

/**
 * How much fine-tuning changed each head: cosine similarity between a head's flattened n×n map
 * (real tokens) under the pre-trained and the fine-tuned model, mean over examples.
 */
public final class AttentionChange {
    private AttentionChange() {}

    /** Cosine similarity of two vectors (1 when both are zero). */
    public static double cosine(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        if (aa == 0 && bb == 0) return 1;
        if (aa == 0 || bb == 0) return 0;
        return ab / Math.sqrt(aa * bb);
    }

    /** Mean cosine similarity per head [layer][head]. The models must have the same shape. */
    public static double[][] meanCosine(BertModel before, BertModel after, List<TrainingExample> examples, int batchSize) {
        int layers = before.config().numHiddenLayers(), heads = before.config().numAttentionHeads();
        if (after.config().numHiddenLayers() != layers || after.config().numAttentionHeads() != heads) {
            throw new IllegalArgumentException("models differ in shape: " + layers + "x" + heads + " vs "
                    + after.config().numHiddenLayers() + "x" + after.config().numAttentionHeads());
        }
        AttentionMaps[] first = new AttentionMaps[examples.size()];
        double[][] sum = new double[layers][heads];
        // One example's maps from both models are compared as soon as the second arrives: keep only the first's.
        AttentionRunner.run(before, examples, batchSize, (i, m) -> first[i] = m);
        AttentionRunner.run(after, examples, batchSize, (i, m) -> {
            for (int l = 0; l < layers; l++) for (int h = 0; h < heads; h++) sum[l][h] += cosine(first[i].map(l, h), m.map(l, h));
            first[i] = null;
        });
        for (double[] r : sum) for (int h = 0; h < heads; h++) r[h] /= examples.size();
        return sum;
    }
}
