package org.bertology4j.core.train;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.LoadOptions;
import org.bertology4j.core.model.BertWeights;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The trainable parameters of a model with a {@link TrainingHead} (encoder, then the head's dense layers; or the
 * head's layers alone when the encoder is frozen) in a fixed order, and the export of the whole model under Hugging
 * Face names ({@code BertForSequenceClassification}, {@code BertForQuestionAnswering}). The masked-LM head is not
 * trained (its decoder is tied to the word embeddings, which are).
 */
public final class ModelParameters {
    private final BertModel model;
    private final List<TrainingHead.Layer> head;
    private final List<Parameter> params;

    /**
     * A sequence classifier's parameters (encoder, pooler, classifier).
     *
     * @throws IllegalStateException when the model has no pooler or no classifier
     *                               (see {@link #withNewClassifier(BertModel, int, long)})
     */
    public ModelParameters(BertModel model) {
        this(model, TrainingHead.Classifier.layersOf(model.weights()), false);
    }

    /**
     * The parameters trained with {@code head}.
     *
     * @param headOnly only the head's layers (the encoder stays frozen)
     * @throws IllegalStateException when the model lacks the head's layers
     */
    public ModelParameters(BertModel model, TrainingHead head, boolean headOnly) {
        this(model, head.layers(model.weights()), headOnly);
    }

    private ModelParameters(BertModel model, List<TrainingHead.Layer> head, boolean headOnly) {
        this.model = model;
        BertWeights w = model.weights();
        this.head = List.copyOf(head);
        List<Parameter> p = new ArrayList<>();
        if (!headOnly) {
            var e = w.embeddings();
            p.add(new Parameter("embeddings.word", e.wordEmbeddings(), true));
            p.add(new Parameter("embeddings.position", e.positionEmbeddings(), true));
            p.add(new Parameter("embeddings.token_type", e.tokenTypeEmbeddings(), true));
            norm(p, "embeddings.LayerNorm", e.layerNorm());
            for (int l = 0; l < w.numLayers(); l++) {
                EncoderLayer layer = w.layer(l);
                String pre = "layer." + l + ".";
                linear(p, pre + "attention.qkv", layer.attention().qkv());
                linear(p, pre + "attention.output", layer.attention().output());
                norm(p, pre + "attention.LayerNorm", layer.attentionNorm());
                linear(p, pre + "intermediate", layer.intermediate());
                linear(p, pre + "output", layer.ffnOutput());
                norm(p, pre + "output.LayerNorm", layer.outputNorm());
            }
        }
        for (TrainingHead.Layer l : this.head) linear(p, l.parameterName(), l.layer());
        params = List.copyOf(p);
    }

    private static void linear(List<Parameter> p, String name, Linear l) {
        // the stored array, updated in place (its orientation is the accumulators' too: Linear.Grad#storage)
        p.add(new Parameter(name + (l.storedOutIn() ? ".weight" : ".weightT"), l.storage(), true));
        p.add(new Parameter(name + ".bias", l.bias(), false));
    }

    private static void norm(List<Parameter> p, String name, LayerNorm n) {
        p.add(new Parameter(name + ".gamma", n.gamma(), false));
        p.add(new Parameter(name + ".beta", n.beta(), false));
    }

    public BertModel model() { return model; }

    /** All parameters in the fixed order that the trainer aligns its gradient accumulators with ({@code ParameterGradients#accumulators}). */
    public List<Parameter> list() { return params; }

    /** Total number of scalars. */
    public long count() {
        long n = 0;
        for (Parameter p : params) n += p.value().length();
        return n;
    }

    /** The head's dense layers, in parameter order. */
    public List<TrainingHead.Layer> headLayers() { return head; }

    /**
     * The weights as Hugging Face tensors of the head's model class ({@code bert.} prefix, dense weights [out, in],
     * separate query/key/value), in the model's data type: the encoder, then the head's layers (a sequence
     * classifier's pooler and classifier, a span head's {@code qa_outputs}; a pooler that the head does not train is
     * left out, as {@code BertForQuestionAnswering} has none).
     */
    public List<Tensor> toHuggingFaceTensors() {
        List<Tensor> out = encoderTensors(model, false);
        for (TrainingHead.Layer l : head) linearTensors(out, l.tensorPrefix(), l.layer());
        return out;
    }

    private static void linearTensors(List<Tensor> out, String prefix, Linear l) {
        out.add(tensor(prefix + ".weight", l.weightT().transpose()));
        out.add(tensor(prefix + ".bias", l.bias()));
    }

    private static void normTensors(List<Tensor> out, String prefix, LayerNorm n) {
        out.add(tensor(prefix + ".weight", n.gamma()));
        out.add(tensor(prefix + ".bias", n.beta()));
    }

    /** A copy of an array as a tensor (float32 or float64 as the array). */
    static Tensor tensor(String name, INDArray a) {
        INDArray c = a.dup('c');
        long[] shape = c.shape();
        if (c.dataType() == DataType.DOUBLE) return Tensor.ofDoubles(name, shape, c.data().asDouble());
        return Tensor.ofFloats(name, shape, c.castTo(DataType.FLOAT).data().asFloat());
    }

    /**
     * A copy of {@code pretrained} with a fresh sequence-classification head of {@code labels} outputs:
     * classifier weights N(0, 0.02²) and zero bias (Hugging Face's initialisation), drawn from {@code seed}.
     * A missing pooler is initialised the same way (the weights then say nothing about the pre-training).
     */
    public static BertModel withNewClassifier(BertModel pretrained, int labels, long seed) {
        if (labels < 1) throw new IllegalArgumentException("a classifier needs at least 1 label, got " + labels);
        BertWeights w = pretrained.weights();
        BertConfig cfg = pretrained.config().withNumLabels(labels);
        int h = cfg.hiddenSize();
        Random r = new Random(seed);
        MapTensorSource src = new MapTensorSource("pre-trained encoder + new classifier (seed " + seed + ")");
        for (Tensor t : encoderTensors(pretrained, true)) src.put(t);
        if (w.pooler() == null) {
            src.put(Tensor.ofDoubles("bert.pooler.dense.weight", new long[]{h, h}, gaussian(r, h * h, 0.02)));
            src.put(Tensor.ofDoubles("bert.pooler.dense.bias", new long[]{h}, new double[h]));
        }
        src.put(Tensor.ofDoubles("classifier.weight", new long[]{labels, h}, gaussian(r, labels * h, 0.02)));
        src.put(Tensor.ofDoubles("classifier.bias", new long[]{labels}, new double[labels]));
        return BertModel.fromTensors(cfg, src, LoadOptions.of(pretrained.dataType()).withHiddenAct(w.gelu().hiddenAct()));
    }

    /**
     * A copy of {@code pretrained}'s encoder (embeddings and layers, no pooler or other head) with a fresh span head
     * {@code qa_outputs} of 2 outputs: weights N(0, 0.02²) and zero bias (Hugging Face's initialisation), drawn
     * from {@code seed}.
     */
    public static BertModel withNewSpanHead(BertModel pretrained, long seed) {
        BertConfig cfg = pretrained.config().withNumLabels(0);
        int h = cfg.hiddenSize();
        Random r = new Random(seed);
        MapTensorSource src = new MapTensorSource("pre-trained encoder + new span head (seed " + seed + ")");
        for (Tensor t : encoderTensors(pretrained, false)) src.put(t);
        src.put(Tensor.ofDoubles("qa_outputs.weight", new long[]{2, h}, gaussian(r, 2 * h, 0.02)));
        src.put(Tensor.ofDoubles("qa_outputs.bias", new long[]{2}, new double[2]));
        return BertModel.fromTensors(cfg, src, LoadOptions.of(pretrained.dataType()).withHiddenAct(pretrained.weights().gelu().hiddenAct()));
    }

    /** Encoder tensors under Hugging Face names, dense weights [out, in], with the pooler when asked and present. */
    static List<Tensor> encoderTensors(BertModel m, boolean pooler) {
        BertWeights w = m.weights();
        List<Tensor> out = new ArrayList<>();
        var e = w.embeddings();
        out.add(tensor("bert.embeddings.word_embeddings.weight", e.wordEmbeddings()));
        out.add(tensor("bert.embeddings.position_embeddings.weight", e.positionEmbeddings()));
        out.add(tensor("bert.embeddings.token_type_embeddings.weight", e.tokenTypeEmbeddings()));
        normTensors(out, "bert.embeddings.LayerNorm", e.layerNorm());
        int h = m.config().hiddenSize();
        for (int l = 0; l < w.numLayers(); l++) {
            EncoderLayer layer = w.layer(l);
            String p = "bert.encoder.layer." + l + ".";
            Linear qkv = layer.attention().qkv();
            String[] parts = {"query", "key", "value"};
            for (int k = 0; k < 3; k++) {
                INDArray wT = qkv.weightT().get(NDArrayIndex.all(), NDArrayIndex.interval((long) k * h, (long) (k + 1) * h));
                INDArray b = qkv.bias().get(NDArrayIndex.interval((long) k * h, (long) (k + 1) * h));
                out.add(tensor(p + "attention.self." + parts[k] + ".weight", wT.transpose()));
                out.add(tensor(p + "attention.self." + parts[k] + ".bias", b));
            }
            linearTensors(out, p + "attention.output.dense", layer.attention().output());
            normTensors(out, p + "attention.output.LayerNorm", layer.attentionNorm());
            linearTensors(out, p + "intermediate.dense", layer.intermediate());
            linearTensors(out, p + "output.dense", layer.ffnOutput());
            normTensors(out, p + "output.LayerNorm", layer.outputNorm());
        }
        if (pooler && w.pooler() != null) linearTensors(out, "bert.pooler.dense", w.pooler().dense());
        return out;
    }

    private static double[] gaussian(Random r, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = std * r.nextGaussian();
        return v;
    }
}
