package org.bertology4j.core.flow;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.LayerRules;
import org.bertology4j.core.layers.RuleSet;
import org.bertology4j.core.layers.VjpRules;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * Batched vector-Jacobian products through the layers of one cached sequence (batch size 1).
 * <ul>
 * <li>{@link #back}: K arbitrary cotangents [K·T, H] of one layer's output down to a lower layer's input, one stacked
 * pass per layer (the gradient rule set through {@code BertModel.backward}).</li>
 * <li>{@link #rowCotangents}: K cotangents that are non-zero at one token each (token tk[k], vector c[k]),
 * the shape of every Jacobian-norm query. LayerNorm, FFN and residual act row-wise, so those parts run on
 * K rows instead of K·T; only attention spreads the gradient (through K and V) to all T tokens. Exact,
 * just cheaper: the result equals {@link #back} on the zero-padded cotangents (the tests' naive twin).</li>
 * </ul>
 */
final class LayerVjp {
    private final BertModel model;
    private final ForwardTrace trace;
    private final EncoderLayer.Derived[] derived;
    private final int seqLen, hidden;

    /** @param trace a forward pass of one sequence that kept its caches */
    LayerVjp(BertModel model, ForwardTrace trace) {
        if (trace.batchSize() != 1) {
            throw new IllegalArgumentException("Jacobian VJPs take one sequence per forward pass, got batch size " + trace.batchSize());
        }
        this.model = model;
        this.trace = trace;
        this.seqLen = trace.seqLen();
        this.hidden = model.config().hiddenSize();
        derived = new EncoderLayer.Derived[trace.numLayers()];
    }

    int numLayers() { return derived.length; }
    int seqLen() { return seqLen; }
    int hidden() { return hidden; }

    private EncoderLayer.Derived derived(int layer) {
        if (layer < 0 || layer >= derived.length) {
            throw new IndexOutOfBoundsException("layer " + layer + " not in [0, " + derived.length + ")");
        }
        if (derived[layer] == null) {
            derived[layer] = model.weights().layer(layer).derive(trace.cache(layer), trace.options().interventions(layer));
        }
        return derived[layer];
    }

    /** Stacked cotangents [K·T, H] of layer {@code top}'s output → gradients at layer {@code bottom}'s input. */
    INDArray back(int top, int bottom, INDArray cot) {
        return model.backward(cot, top, bottom, gradients);
    }

    /**
     * Cotangents [R, H] of layer {@code layer}'s output → gradients at its input, written into the first R rows of
     * {@code into} (outside scratch memory) instead of a fresh array: the stacked sweep of {@link JacobianNorms}
     * reuses two such buffers for all layers (fresh off-heap memory page-faults, about 15 ms per BERT-base layer of
     * 12 top layers' cotangents at 32 tokens).
     */
    void backInto(int layer, INDArray cot, INDArray into) {
        model.backward(cot, layer, layer, new RuleSet<INDArray, INDArray>() {
            @Override
            public LayerRules<INDArray, INDArray> layer(int l) { return gradients.layer(l); }

            @Override
            public INDArray cross(int l, EncoderLayer el, LayerRules<INDArray, INDArray> rules, INDArray g) {
                INDArray out = el.backward(g, rules);
                into.get(NDArrayIndex.interval(0, out.size(0)), NDArrayIndex.all()).assign(out);
                return into;
            }

            @Override
            public boolean inScratch() { return true; }
        });
    }

    /** The gradient rule set over the trace: derived values cached per layer, each crossing in scratch memory. */
    private final RuleSet<INDArray, INDArray> gradients = new RuleSet<>() {
        @Override
        public VjpRules layer(int l) {
            return model.weights().layer(l).vjp(derived(l), 1, seqLen, null, null);
        }

        @Override
        public INDArray cross(int l, EncoderLayer layer, LayerRules<INDArray, INDArray> rules, INDArray g) {
            return layer.backward(g, rules).detach();
        }

        @Override
        public boolean inScratch() { return true; }
    };

    /**
     * K cotangents of layer {@code layer}'s output, cotangent k being {@code rows[k]} at token {@code tokens[k]}
     * and zero elsewhere → gradients at the layer input, [K·T, H] (copy k in rows k·T .. k·T+T-1).
     */
    INDArray rowCotangents(int layer, int[] tokens, INDArray rows) {
        if (rows.rank() != 2 || rows.size(0) != tokens.length || rows.size(1) != hidden) {
            throw new IllegalArgumentException("row cotangents must be [" + tokens.length + ", " + hidden + "], got " + Arrays.toString(rows.shape()));
        }
        for (int t : tokens) if (t < 0 || t >= seqLen) throw new IndexOutOfBoundsException("token " + t + " not in [0, " + seqLen + ")");
        EncoderLayer el = model.weights().layer(layer);
        INDArray wT = el.attention().qkv().weightT();                                      // [H, 3H]
        RowRules rules = new RowRules(el, derived(layer), tokens, seqLen, qWeightT(layer, wT), kvHeadWeights(layer, wT, el.attention().heads()));
        return el.backward(new RowRules.Rows(rows.castTo(model.dataType()).dup('c'), null), rules).dense();
    }

    private INDArray[] kvW, qW;

    /** The K|V columns of the Q|K|V weight as head blocks [2·heads, d, H] (see {@link RowRules}). */
    private INDArray kvHeadWeights(int layer, INDArray wT, int heads) {
        if (kvW == null) kvW = new INDArray[derived.length];
        if (kvW[layer] == null) {
            INDArray kv = wT.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, 3L * hidden)).transpose().dup('c'); // [2H, H]
            kvW[layer] = kv.reshape('c', 2L * heads, hidden / heads, hidden);
        }
        return kvW[layer];
    }

    private INDArray qWeightT(int layer, INDArray wT) {
        if (qW == null) qW = new INDArray[derived.length];
        if (qW[layer] == null) qW[layer] = wT.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden)).dup('c');
        return qW[layer];
    }
}
