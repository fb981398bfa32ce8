package org.bertology4j.analysis.probe;

import org.bertology4j.core.layers.Embeddings;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * The random-init baseline model of Clark et al.'s Table 3 ("Random Init Attn + GloVe"), in two variants.
 *
 * <ul>
 *   <li>{@link #PRETRAINED_EMBEDDINGS} (the paper's, Sect. 5: "a BERT network with pre-trained word/positional
 *       embeddings but randomly initialized other weights"): the word, position and segment embedding tables and the
 *       embedding LayerNorm are the pre-trained model's; every encoder layer is drawn as BERT's pre-training code
 *       initialises it (weights from a normal distribution with standard deviation 0.02 truncated at two standard
 *       deviations, biases 0, LayerNorm scale 1 and shift 0).</li>
 *   <li>{@link #ALL_RANDOM} (this project's first version, kept for comparison): every tensor, embeddings included,
 *       from {@link BertModel#random}, whose scales make attention sharply peaked (test scale, not BERT's).</li>
 * </ul>
 */
public enum RandomInit {
    /** Pre-trained embeddings, the rest initialised as in BERT's pre-training (the paper's baseline). */
    PRETRAINED_EMBEDDINGS("pretrained-embeddings"),
    /** Every weight random, embeddings included ({@link BertModel#random}; the earlier baseline). */
    ALL_RANDOM("all-random");

    /** Standard deviation of BERT's initialiser ({@code initializer_range} in its config). */
    static final double INITIALIZER_RANGE = 0.02;

    private final String label;

    RandomInit(String label) { this.label = label; }

    /** The option value ({@code pretrained-embeddings}, {@code all-random}). */
    public String label() { return label; }

    /** The variant of an option value; the message lists the accepted ones. */
    public static RandomInit of(String label) {
        for (RandomInit r : values()) if (r.label.equals(label)) return r;
        throw new IllegalArgumentException("unknown random-init variant '" + label + "' (expected pretrained-embeddings or all-random)");
    }

    /** The random-init model for {@code pretrained} (float32), drawn from {@code seed}. */
    public BertModel model(BertModel pretrained, long seed) {
        BertConfig config = pretrained.config();
        if (this == ALL_RANDOM) return BertModel.random(config, seed, DataType.FLOAT);
        return BertModel.fromTensors(config, keptEmbeddings(pretrained, seed), DataType.FLOAT);
    }

    /** The tensors of {@link #PRETRAINED_EMBEDDINGS}'s model (Hugging Face names, {@code bert.} prefix, float32). */
    static MapTensorSource keptEmbeddings(BertModel pretrained, long seed) {
        BertConfig config = pretrained.config();
        MapTensorSource t = new MapTensorSource("pre-trained embeddings of the probed model, encoder initialised as in BERT's pre-training (seed " + seed + ")");
        Embeddings e = pretrained.weights().embeddings();
        copy(t, "bert.embeddings.word_embeddings.weight", e.wordEmbeddings());
        copy(t, "bert.embeddings.position_embeddings.weight", e.positionEmbeddings());
        copy(t, "bert.embeddings.token_type_embeddings.weight", e.tokenTypeEmbeddings());
        copy(t, "bert.embeddings.LayerNorm.weight", e.layerNorm().gamma());
        copy(t, "bert.embeddings.LayerNorm.bias", e.layerNorm().beta());
        Random r = new Random(seed);
        int h = config.hiddenSize(), in = config.intermediateSize();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            String p = "bert.encoder.layer." + i + ".";
            for (String m : new String[]{"attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"}) {
                dense(t, r, p + m, h, h);
            }
            layerNorm(t, p + "attention.output.LayerNorm", h);
            dense(t, r, p + "intermediate.dense", in, h);
            dense(t, r, p + "output.dense", h, in);
            layerNorm(t, p + "output.LayerNorm", h);
        }
        return t;
    }

    private static void copy(MapTensorSource t, String name, INDArray a) {
        t.put(Tensor.ofFloats(name, a.shape(), a.castTo(DataType.FLOAT).dup('c').data().asFloat()));
    }

    private static void dense(MapTensorSource t, Random r, String prefix, int out, int in) {
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) w[i] = (float) truncatedNormal(r, INITIALIZER_RANGE);
        t.put(Tensor.ofFloats(prefix + ".weight", new long[]{out, in}, w));
        t.put(Tensor.ofFloats(prefix + ".bias", new long[]{out}, new float[out]));
    }

    private static void layerNorm(MapTensorSource t, String prefix, int h) {
        float[] ones = new float[h];
        java.util.Arrays.fill(ones, 1f);
        t.put(Tensor.ofFloats(prefix + ".weight", new long[]{h}, ones));
        t.put(Tensor.ofFloats(prefix + ".bias", new long[]{h}, new float[h]));
    }

    /** A normal draw with standard deviation {@code std}, redrawn until within two standard deviations (TensorFlow's truncated normal). */
    static double truncatedNormal(Random r, double std) {
        double x;
        do x = r.nextGaussian(); while (Math.abs(x) > 2);
        return x * std;
    }
}
