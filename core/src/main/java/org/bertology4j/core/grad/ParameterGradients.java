package org.bertology4j.core.grad;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.layers.Embeddings;
import org.bertology4j.core.model.BertWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gradients of the loss w.r.t. every parameter, keyed by Hugging Face tensor names with the {@code bert.}
 * prefix for the backbone ({@code bert.encoder.layer.3.attention.self.query.weight}, ...). Weights are in
 * the checkpoint layout [out, in]. A masked-LM decoder tied to the word embeddings adds its gradient to
 * {@code bert.embeddings.word_embeddings.weight}.
 * <p>The accumulators ({@link #embeddings()}, {@link #layer(int)}, heads) are filled by the backward pass;
 * {@link #byName()} builds the named view.
 */
public final class ParameterGradients {
    private final Embeddings.Grad embeddings;
    private final EncoderLayer.Grad[] layers;
    /** Head accumulators, created on demand by the losses. */
    private final Map<String, INDArray> heads = new LinkedHashMap<>();
    /** Head tensors whose accumulator is zero by {@link #zero()} but not yet written (a product may overwrite it). */
    private final Set<String> headsPendingZero = new java.util.HashSet<>();
    private final Map<String, Linear.Grad> headLinears = new LinkedHashMap<>();
    private final Map<String, LayerNorm.Grad> headNorms = new LinkedHashMap<>();
    private Map<String, INDArray> named;

    ParameterGradients(BertWeights w) {
        embeddings = new Embeddings.Grad(w.embeddings());
        layers = new EncoderLayer.Grad[w.numLayers()];
        for (int i = 0; i < layers.length; i++) layers[i] = new EncoderLayer.Grad(w.layer(i));
    }

    /**
     * Zero accumulators for every parameter of {@code model}, to pass to
     * {@link Backprop#compute(org.bertology4j.core.model.ForwardTrace, Loss, GradientRequest, ParameterGradients)}
     * again and again ({@link #zero()} between calls): BERT-base's accumulators are ~0.5 GB, and fresh
     * off-heap memory costs more to fault in than to clear.
     */
    public static ParameterGradients of(org.bertology4j.core.model.BertModel model) { return new ParameterGradients(model.weights()); }

    /** Sets every accumulator (heads included) to zero, for the next backward pass. */
    public void zero() {
        named = null;
        embeddings.zero();
        for (EncoderLayer.Grad g : layers) g.zero();
        headsPendingZero.addAll(heads.keySet());
        headLinears.values().forEach(Linear.Grad::zeroLazily);
        headNorms.values().forEach(g -> g.arrays().forEach(a -> a.assign(0)));
    }

    public Embeddings.Grad embeddings() { return embeddings; }

    public EncoderLayer.Grad layer(int i) {
        if (i < 0 || i >= layers.length) throw new IndexOutOfBoundsException("layer " + i + " not in [0, " + layers.length + ")");
        return layers[i];
    }

    /** Accumulator of a head tensor (Hugging Face name) of the given shape, zero on first use. */
    INDArray head(String name, INDArray like) {
        HeadAccumulator a = headToWrite(name, like);
        return a.zero() ? a.array().assign(0) : a.array();
    }

    /**
     * A head tensor's accumulator for a product written straight into it, and whether it is logically zero (then
     * the product must overwrite it, beta 0, instead of adding): the masked-LM decoder's gradient is vocabulary x
     * hidden (94 MB for BERT-base), and clearing it in {@link #zero()} before a product that adds to it cost a
     * pass over that memory per step.
     */
    record HeadAccumulator(INDArray array, boolean zero) {}

    HeadAccumulator headToWrite(String name, INDArray like) {
        named = null;
        INDArray a = heads.get(name);
        if (a == null) {
            heads.put(name, a = Nd4j.createUninitialized(like.dataType(), like.shape(), 'c'));
            return new HeadAccumulator(a, true);
        }
        return new HeadAccumulator(a, headsPendingZero.remove(name));
    }

    private void writePendingHeadZeros() {
        for (String name : headsPendingZero) heads.get(name).assign(0);
        headsPendingZero.clear();
    }

    /** Every gradient by tensor name, weights [out, in]. */
    public Map<String, INDArray> byName() {
        if (named != null) return named;
        writePendingHeadZeros();
        for (EncoderLayer.Grad g : layers) g.materialize();
        headLinears.values().forEach(Linear.Grad::materialize);
        Map<String, INDArray> m = new LinkedHashMap<>();
        INDArray word = embeddings.word.dup();
        INDArray tied = heads.get(MaskedLmLoss.TIED_DECODER);
        if (tied != null) word.addi(tied);
        m.put("bert.embeddings.word_embeddings.weight", word);
        m.put("bert.embeddings.position_embeddings.weight", embeddings.position);
        m.put("bert.embeddings.token_type_embeddings.weight", embeddings.tokenType);
        norm(m, "bert.embeddings.LayerNorm", embeddings.layerNorm);
        for (int i = 0; i < layers.length; i++) {
            String p = "bert.encoder.layer." + i + ".";
            EncoderLayer.Grad g = layers[i];
            INDArray qkvT = g.attention.qkv.weightT();               // [H, 3H], columns Q | K | V
            long h = qkvT.size(0);
            String[] parts = {"query", "key", "value"};
            for (int j = 0; j < 3; j++) {
                var cols = org.nd4j.linalg.indexing.NDArrayIndex.interval(j * h, (j + 1) * h);
                m.put(p + "attention.self." + parts[j] + ".weight",
                        qkvT.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), cols).transpose().dup('c'));
                m.put(p + "attention.self." + parts[j] + ".bias", g.attention.qkv.bias().get(cols).dup());
            }
            dense(m, p + "attention.output.dense", g.attention.output);
            norm(m, p + "attention.output.LayerNorm", g.attentionNorm);
            dense(m, p + "intermediate.dense", g.intermediate);
            dense(m, p + "output.dense", g.ffnOutput);
            norm(m, p + "output.LayerNorm", g.outputNorm);
        }
        headLinears.forEach((k, v) -> dense(m, k, v));
        headNorms.forEach((k, v) -> norm(m, k, v));
        heads.forEach((k, v) -> { if (!k.equals(MaskedLmLoss.TIED_DECODER)) m.put(k, v); });
        named = Collections.unmodifiableMap(m);
        return named;
    }

    /** One gradient by tensor name. */
    public INDArray get(String name) {
        INDArray g = byName().get(name);
        if (g == null) throw new IllegalArgumentException("no gradient for tensor '" + name + "'; known: " + names());
        return g;
    }

    public Set<String> names() { return byName().keySet(); }

    private static void dense(Map<String, INDArray> m, String prefix, Linear.Grad g) {
        m.put(prefix + ".weight", g.weightT().transpose().dup('c'));
        if (g.bias() != null) m.put(prefix + ".bias", g.bias());
    }

    private static void norm(Map<String, INDArray> m, String prefix, LayerNorm.Grad g) {
        m.put(prefix + ".weight", g.gamma);
        m.put(prefix + ".bias", g.beta);
    }

    /**
     * The live accumulators of the embeddings and every encoder layer, then of the given dense heads in that order
     * (Hugging Face prefix and layer; created when absent), pending lazy zeros written first: the list a trainer
     * aligns with its parameters ({@code train.ModelParameters#list()}) to clip and apply an update.
     */
    public List<INDArray> accumulators(List<Map.Entry<String, Linear>> denseHeads) {
        for (EncoderLayer.Grad g : layers) g.materialize();
        List<INDArray> a = new ArrayList<>(embeddings.arrays());
        for (EncoderLayer.Grad g : layers) a.addAll(g.arrays());
        for (Map.Entry<String, Linear> head : denseHeads) {
            Linear.Grad g = linearHead(head.getKey(), head.getValue());
            g.materialize();
            a.addAll(g.arrays());
        }
        return a;
    }

    /**
     * The live accumulators of the given dense heads only (created when absent), pending lazy zeros written first:
     * what a trainer with a frozen encoder updates.
     */
    public List<INDArray> headAccumulators(List<Map.Entry<String, Linear>> denseHeads) {
        List<INDArray> a = new ArrayList<>();
        for (Map.Entry<String, Linear> head : denseHeads) a.addAll(linearHead(head.getKey(), head.getValue()).arrays());
        return a;
    }

    /** Accumulator of a dense head (HF prefix), created on first use. */
    Linear.Grad linearHead(String prefix, Linear layer) {
        named = null;
        return headLinears.computeIfAbsent(prefix, k -> new Linear.Grad(layer));
    }

    /** Accumulator of a LayerNorm in a head (HF prefix), created on first use. */
    LayerNorm.Grad normHead(String prefix, LayerNorm norm) {
        named = null;
        return headNorms.computeIfAbsent(prefix, k -> new LayerNorm.Grad(norm));
    }
}
