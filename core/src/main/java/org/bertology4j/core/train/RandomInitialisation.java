package org.bertology4j.core.train;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.LoadOptions;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;

import java.util.Random;

/**
 * A {@code BertForSequenceClassification} with BERT's own initialisation instead of pre-trained weights (Kovaleva et
 * al.'s "weights randomly sampled from normal distribution" baseline): every dense and embedding weight drawn from
 * N(0, {@value #STD}²) (BERT's {@code initializer_range}, as the PyTorch implementation's {@code init_bert_weights}),
 * biases 0, LayerNorm scale 1 and shift 0, the [PAD] row (id {@code pad}) of the word embeddings zero as Hugging
 * Face's {@code padding_idx} keeps it. No masked-LM head (fine-tuning does not use it).
 *
 * <p>This is not {@code RandomBertWeights} (the tests' random model, scaled so that attention is far from uniform):
 * the scale here is the one a BERT is trained from, under which attention starts almost uniform.
 */
public final class RandomInitialisation {
    /** BERT's {@code initializer_range}. */
    public static final double STD = 0.02;

    private RandomInitialisation() {}

    /**
     * A classifier of {@code labels} outputs with the shape of {@code config}, weights drawn from {@code seed} (one
     * {@link Random} in the order of the Hugging Face tensor names below: the same seed gives the same model).
     *
     * @param pad the [PAD] token id whose word-embedding row stays zero (0 in BERT's vocabularies), or -1 for none
     */
    public static BertModel classifier(BertConfig config, int labels, long seed, int pad, LoadOptions options) {
        if (labels < 1) throw new IllegalArgumentException("a classifier needs at least 1 label, got " + labels);
        BertConfig cfg = config.withNumLabels(labels);
        int h = cfg.hiddenSize(), in = cfg.intermediateSize();
        if (pad >= cfg.vocabSize()) throw new IllegalArgumentException("pad id " + pad + " outside the vocabulary of " + cfg.vocabSize());
        Random r = new Random(seed);
        MapTensorSource s = new MapTensorSource("BERT initialisation N(0, " + STD + "^2), seed " + seed);
        float[] words = normal(r, (long) cfg.vocabSize() * h);
        if (pad >= 0) java.util.Arrays.fill(words, pad * h, (pad + 1) * h, 0f);
        s.put(Tensor.ofFloats("bert.embeddings.word_embeddings.weight", new long[]{cfg.vocabSize(), h}, words));
        s.put(Tensor.ofFloats("bert.embeddings.position_embeddings.weight", new long[]{cfg.maxPositionEmbeddings(), h},
                normal(r, (long) cfg.maxPositionEmbeddings() * h)));
        s.put(Tensor.ofFloats("bert.embeddings.token_type_embeddings.weight", new long[]{cfg.typeVocabSize(), h},
                normal(r, (long) cfg.typeVocabSize() * h)));
        layerNorm(s, "bert.embeddings.LayerNorm", h);
        for (int l = 0; l < cfg.numHiddenLayers(); l++) {
            String p = "bert.encoder.layer." + l + ".";
            for (String part : new String[]{"query", "key", "value"}) dense(s, r, p + "attention.self." + part, h, h);
            dense(s, r, p + "attention.output.dense", h, h);
            layerNorm(s, p + "attention.output.LayerNorm", h);
            dense(s, r, p + "intermediate.dense", in, h);
            dense(s, r, p + "output.dense", h, in);
            layerNorm(s, p + "output.LayerNorm", h);
        }
        dense(s, r, "bert.pooler.dense", h, h);
        dense(s, r, "classifier", labels, h);
        return BertModel.fromTensors(cfg, s, options);
    }

    private static void dense(MapTensorSource s, Random r, String prefix, int out, int in) {
        s.put(Tensor.ofFloats(prefix + ".weight", new long[]{out, in}, normal(r, (long) out * in)));
        s.put(Tensor.ofFloats(prefix + ".bias", new long[]{out}, new float[out]));
    }

    private static void layerNorm(MapTensorSource s, String prefix, int h) {
        float[] one = new float[h];
        java.util.Arrays.fill(one, 1f);
        s.put(Tensor.ofFloats(prefix + ".weight", new long[]{h}, one));
        s.put(Tensor.ofFloats(prefix + ".bias", new long[]{h}, new float[h]));
    }

    private static float[] normal(Random r, long n) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (STD * r.nextGaussian());
        return v;
    }
}
