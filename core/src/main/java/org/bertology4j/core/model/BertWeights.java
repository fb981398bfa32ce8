package org.bertology4j.core.model;

import org.bertology4j.core.heads.MaskedLmHead;
import org.bertology4j.core.heads.Pooler;
import org.bertology4j.core.layers.Embeddings;
import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.layers.SelfAttention;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.TensorSource;
import org.bertology4j.weights.WeightsException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT weights as ND4J arrays, built into layer objects. Tensors are looked up by Hugging Face names
 * with or without the {@code bert.} prefix (LayerNorm {@code weight/bias} or the older {@code gamma/beta});
 * every shape is checked against the config and every value for NaN/Inf, errors naming the tensor.
 */
public final class BertWeights {
    static {
        NativeBuild.select();   // weights are ND4J arrays: set the natives up before the first one loads them
    }

    private final BertConfig config;
    private final DataType dataType;
    private final Gelu.Form gelu;
    private final Embeddings embeddings;
    private final EncoderLayer[] layers;
    private final MaskedLmHead maskedLm;   // null when absent
    private final Pooler pooler;           // null when absent
    private final Linear classifier;       // null when absent
    private final Linear qaOutputs;        // null when absent

    private BertWeights(BertConfig config, TensorSource src, DataType dataType, Gelu.Form gelu) {
        this.gelu = gelu;
        this.config = config;
        this.dataType = dataType;
        int h = config.hiddenSize();
        Loader l = new Loader(src, dataType);
        embeddings = new Embeddings(
                l.array(l.bert("embeddings.word_embeddings.weight"), config.vocabSize(), h),
                l.array(l.bert("embeddings.position_embeddings.weight"), config.maxPositionEmbeddings(), h),
                l.array(l.bert("embeddings.token_type_embeddings.weight"), config.typeVocabSize(), h),
                l.layerNorm(l.bert("embeddings.LayerNorm"), h, config.layerNormEps()));
        layers = new EncoderLayer[config.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) {
            String p = l.bert("encoder.layer." + i + ".");
            SelfAttention att = new SelfAttention(
                    l.linear(p + "attention.self.query", h, h), l.linear(p + "attention.self.key", h, h),
                    l.linear(p + "attention.self.value", h, h), l.linear(p + "attention.output.dense", h, h),
                    config.numAttentionHeads());
            layers[i] = new EncoderLayer(att, l.layerNorm(p + "attention.output.LayerNorm", h, config.layerNormEps()),
                    l.linear(p + "intermediate.dense", config.intermediateSize(), h),
                    l.linear(p + "output.dense", h, config.intermediateSize()),
                    l.layerNorm(p + "output.LayerNorm", h, config.layerNormEps()), gelu);
        }
        if (src.contains("cls.predictions.transform.dense.weight")) {
            INDArray decoder = src.contains("cls.predictions.decoder.weight")
                    ? l.array("cls.predictions.decoder.weight", config.vocabSize(), h)
                    : embeddings.wordEmbeddings(); // tied
            maskedLm = new MaskedLmHead(l.linear("cls.predictions.transform.dense", h, h),
                    l.layerNorm("cls.predictions.transform.LayerNorm", h, config.layerNormEps()),
                    decoder, l.array("cls.predictions.bias", config.vocabSize()), gelu);
        } else {
            maskedLm = null;
        }
        pooler = l.has(l.bert("pooler.dense.weight")) ? new Pooler(l.linear(l.bert("pooler.dense"), h, h)) : null;
        if (src.contains("classifier.weight")) {
            long labels = src.get("classifier.weight").shape()[0];
            if (config.numLabels() > 0 && labels != config.numLabels()) {
                throw new WeightsException("tensor 'classifier.weight' in " + src.description() + " has " + labels
                        + " rows but the config says num_labels=" + config.numLabels());
            }
            classifier = l.linear("classifier", (int) labels, h);
        } else {
            classifier = null;
        }
        qaOutputs = src.contains("qa_outputs.weight") ? l.linear("qa_outputs", 2, h) : null;
    }

    /** Loads and validates all weights from {@code src}, exact (erf) GELU. */
    public static BertWeights load(BertConfig config, TensorSource src, DataType dataType) {
        return load(config, src, dataType, Gelu.Form.ERF);
    }

    /** Loads and validates all weights from {@code src}, with the given GELU form. */
    public static BertWeights load(BertConfig config, TensorSource src, DataType dataType, Gelu.Form gelu) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("data type must be FLOAT or DOUBLE, got " + dataType);
        }
        return new BertWeights(config, src, dataType, gelu == null ? Gelu.Form.ERF : gelu);
    }

    public BertConfig config() { return config; }
    public DataType dataType() { return dataType; }
    /** GELU form of the FFN and masked-LM transform. */
    public Gelu.Form gelu() { return gelu; }
    public Embeddings embeddings() { return embeddings; }
    public EncoderLayer layer(int i) { return layers[i]; }
    public int numLayers() { return layers.length; }
    /** Null when the checkpoint has no masked-LM head. */
    public MaskedLmHead maskedLm() { return maskedLm; }
    /** Null when absent. */
    public Pooler pooler() { return pooler; }
    /** {@code classifier} dense, null when absent. */
    public Linear classifier() { return classifier; }
    /** {@code qa_outputs} dense, null when absent. */
    public Linear qaOutputs() { return qaOutputs; }

    /** Tensor lookup, conversion and validation. */
    private static final class Loader {
        private final TensorSource src;
        private final DataType type;
        private final boolean prefixed;

        Loader(TensorSource src, DataType type) {
            this.src = src;
            this.type = type;
            this.prefixed = src.contains("bert.embeddings.word_embeddings.weight");
        }

        /** The backbone name as stored: with {@code bert.} when the source uses it. */
        String bert(String name) { return prefixed ? "bert." + name : name; }

        boolean has(String name) { return src.contains(name); }

        INDArray array(String name, long... shape) {
            Tensor t = src.get(name).requireShape(shape);
            if (!t.dtype().name().startsWith("F") && t.dtype() != org.bertology4j.weights.DType.BF16) {
                throw new org.bertology4j.weights.WeightsException("tensor '" + name + "' is stored as "
                        + t.dtype().safetensorsName() + ", but weights are floating point");
            }
            INDArray a;
            if (type == DataType.DOUBLE) {
                double[] v = t.toDoubles();
                checkFinite(name, v);
                a = Nd4j.create(v, shape, 'c');
            } else {
                float[] v = t.toFloats();
                checkFinite(name, v);
                a = Nd4j.create(v, shape, 'c');
            }
            return a;
        }

        private void checkFinite(String name, double[] v) {
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) throw nonFinite(name, i, v[i]);
            }
        }

        private void checkFinite(String name, float[] v) {
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) throw nonFinite(name, i, v[i]);
            }
        }

        private WeightsException nonFinite(String name, int i, double value) {
            return new WeightsException("tensor '" + name + "' in " + src.description() + " has a non-finite value "
                    + value + " at flat index " + i);
        }

        Linear linear(String prefix, int out, int in) {
            return Linear.fromOutIn(array(prefix + ".weight", out, in), array(prefix + ".bias", out));
        }

        LayerNorm layerNorm(String prefix, int h, double eps) {
            boolean old = !src.contains(prefix + ".weight") && src.contains(prefix + ".gamma");
            return new LayerNorm(array(prefix + (old ? ".gamma" : ".weight"), h),
                    array(prefix + (old ? ".beta" : ".bias"), h), eps);
        }
    }
}
