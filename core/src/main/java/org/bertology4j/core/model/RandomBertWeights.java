package org.bertology4j.core.model;

import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;

import java.util.Random;

/**
 * Seeded random BERT tensors under Hugging Face names (with the {@code bert.} prefix), including every
 * head: masked LM, pooler, QA, and a classifier when {@code numLabels > 0}. Scales are chosen so that
 * attention is far from uniform and GELU is non-linear (std 1/√fan_in for weights, 1 for embeddings),
 * which makes tiny-model tests sensitive to mistakes.
 */
public final class RandomBertWeights {
    private RandomBertWeights() {}

    /** The tensors for {@code config} drawn from {@code seed} (float64). */
    public static MapTensorSource tensors(BertConfig config, long seed) {
        Random r = new Random(seed);
        MapTensorSource s = new MapTensorSource("random BERT weights (seed " + seed + ")");
        int h = config.hiddenSize(), in = config.intermediateSize();
        put(s, r, "bert.embeddings.word_embeddings.weight", 1.0, 0, config.vocabSize(), h);
        put(s, r, "bert.embeddings.position_embeddings.weight", 1.0, 0, config.maxPositionEmbeddings(), h);
        put(s, r, "bert.embeddings.token_type_embeddings.weight", 1.0, 0, config.typeVocabSize(), h);
        layerNorm(s, r, "bert.embeddings.LayerNorm", h);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            String p = "bert.encoder.layer." + i + ".";
            // Queries/keys a bit larger than 1/sqrt(h) so that softmax is peaked, not near-uniform.
            dense(s, r, p + "attention.self.query", h, h, 2.0);
            dense(s, r, p + "attention.self.key", h, h, 2.0);
            dense(s, r, p + "attention.self.value", h, h, 1.0);
            dense(s, r, p + "attention.output.dense", h, h, 1.0);
            layerNorm(s, r, p + "attention.output.LayerNorm", h);
            dense(s, r, p + "intermediate.dense", in, h, 1.0);
            dense(s, r, p + "output.dense", h, in, 1.0);
            layerNorm(s, r, p + "output.LayerNorm", h);
        }
        dense(s, r, "bert.pooler.dense", h, h, 1.0);
        dense(s, r, "cls.predictions.transform.dense", h, h, 1.0);
        layerNorm(s, r, "cls.predictions.transform.LayerNorm", h);
        put(s, r, "cls.predictions.bias", 0.1, 0, config.vocabSize());
        dense(s, r, "qa_outputs", 2, h, 1.0);
        if (config.numLabels() > 0) dense(s, r, "classifier", config.numLabels(), h, 1.0);
        return s;
    }

    private static void dense(MapTensorSource s, Random r, String prefix, int out, int in, double gain) {
        put(s, r, prefix + ".weight", gain / Math.sqrt(in), 0, out, in);
        put(s, r, prefix + ".bias", 0.1, 0, out);
    }

    private static void layerNorm(MapTensorSource s, Random r, String prefix, int h) {
        put(s, r, prefix + ".weight", 0.2, 1.0, h);
        put(s, r, prefix + ".bias", 0.1, 0, h);
    }

    private static void put(MapTensorSource s, Random r, String name, double std, double mean, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = mean + std * r.nextGaussian();
        s.put(Tensor.ofDoubles(name, shape, v));
    }
}
