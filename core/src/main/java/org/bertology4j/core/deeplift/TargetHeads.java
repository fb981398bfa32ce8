package org.bertology4j.core.deeplift;

import org.bertology4j.core.heads.MaskedLmHead;
import org.bertology4j.core.heads.Pooler;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Head outputs of target terms on every stacked item, and their multipliers onto h_L (the seeds of
 * the propagation). The masked-LM head (dense, GELU, LayerNorm, decoder row) and the pooler
 * (dense, tanh) are crossed with the same rules as the encoder.
 */
record TargetHeads(BertWeights w, LayerNormRule layerNorm) {

    /** Replaces QA argmax placeholders by the input's argmax over real tokens and checks indices. */
    Target resolve(Target target, StackedForward f, int[] mask) {
        Target out = null;
        for (Target.Term t : target.terms()) {
            int pos = t.position();
            switch (t.kind()) {
                case MASKED_LM -> {
                    requireHead(w.maskedLm() != null, "masked-LM");
                    checkPosition(pos, f.seqLen(), t);
                    if (t.index() >= w.config().vocabSize()) {
                        throw new IllegalArgumentException("target " + t + ": token id outside the vocabulary (size " + w.config().vocabSize() + ")");
                    }
                }
                case CLASS_LOGIT -> {
                    requireHead(w.pooler() != null && w.classifier() != null, "sequence-classification");
                    if (t.index() >= w.classifier().outFeatures()) {
                        throw new IllegalArgumentException("target " + t + ": the classifier has " + w.classifier().outFeatures() + " labels");
                    }
                }
                case QA_START, QA_END -> {
                    requireHead(w.qaOutputs() != null, "question-answering");
                    if (pos == Target.ARGMAX) pos = argmax(f, t.kind() == Target.Kind.QA_START ? 0 : 1, mask);
                    checkPosition(pos, f.seqLen(), t);
                }
            }
            Target one = single(t.kind(), pos, t.index()).times(t.weight());
            out = out == null ? one : out.plus(one);
        }
        if (out == null) throw new IllegalArgumentException("target has no terms");
        return out;
    }

    /** Target value on each stacked item. */
    double[] values(Target target, StackedForward f) {
        double[] v = new double[f.items()];
        for (Target.Term t : target.terms()) {
            for (int b = 0; b < f.items(); b++) v[b] += t.weight() * termValue(t, f, b);
        }
        return v;
    }

    /**
     * Adds the multipliers of {@code target} onto h_L of the pair (input, reference item r) into
     * {@code seed} [T, H].
     */
    void addSeed(Target target, StackedForward f, int r, INDArray seed) {
        for (Target.Term t : target.terms()) {
            INDArray row;
            switch (t.kind()) {
                case MASKED_LM -> {
                    MaskedLmHead head = w.maskedLm();
                    INDArray h = lastRow(f, 0, t.position()), h0 = lastRow(f, r, t.position());
                    INDArray pre = head.transform().forward(h, null), pre0 = head.transform().forward(h0, null);
                    INDArray act = Gelu.forward(pre, w.gelu(), null), act0 = Gelu.forward(pre0, w.gelu(), null);
                    INDArray g = head.decoder().getRow(t.index()).reshape(1, -1).dup('c');
                    g = layerNorm.backward(g, act, act0, head.norm().gamma(), head.norm().eps());
                    g.muli(Rescale.multipliers(pre, pre0, act, act0, Rescale.geluDerivative(w.gelu())));
                    row = LinearRule.backward(g, head.transform());
                }
                case CLASS_LOGIT -> {
                    Pooler pooler = w.pooler();
                    INDArray h = lastRow(f, 0, 0), h0 = lastRow(f, r, 0);
                    INDArray pre = pooler.dense().forward(h, null), pre0 = pooler.dense().forward(h0, null);
                    INDArray g = w.classifier().weightT().getColumn(t.index()).reshape(1, -1).dup('c');
                    g.muli(Rescale.multipliers(pre, pre0, Transforms.tanh(pre, true), Transforms.tanh(pre0, true),
                            Rescale.TANH_DERIVATIVE));
                    row = LinearRule.backward(g, pooler.dense());
                }
                default -> row = qaColumn(t.kind()).reshape(1, -1);
            }
            seed.getRow(t.position()).addi(row.reshape(-1).mul(t.weight()));
        }
    }

    private double termValue(Target.Term t, StackedForward f, int item) {
        INDArray h = lastRow(f, item, t.position());
        return switch (t.kind()) {
            case MASKED_LM -> {
                MaskedLmHead head = w.maskedLm();
                INDArray n = head.norm().forward(Gelu.forward(head.transform().forward(h, null), w.gelu(), null), null);
                yield n.reshape(-1).mul(head.decoder().getRow(t.index()).reshape(-1)).sumNumber().doubleValue()
                        + head.bias().getDouble(t.index());
            }
            case CLASS_LOGIT -> {
                INDArray pooled = w.pooler().forward(h);
                yield w.classifier().forward(pooled, null).getDouble(0, t.index());
            }
            default -> w.qaOutputs().forward(h, null).getDouble(0, t.kind() == Target.Kind.QA_START ? 0 : 1);
        };
    }

    private INDArray qaColumn(Target.Kind kind) {
        return w.qaOutputs().weightT().getColumn(kind == Target.Kind.QA_START ? 0 : 1).dup('c');
    }

    private int argmax(StackedForward f, int column, int[] mask) {
        INDArray logits = w.qaOutputs().forward(f.rows(f.hidden(f.numLayers()), 0).dup('c'), null);
        int best = -1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 1 && (best < 0 || logits.getDouble(i, column) > logits.getDouble(best, column))) best = i;
        }
        return best;
    }

    private static INDArray lastRow(StackedForward f, int item, int position) {
        return f.hidden(f.numLayers()).getRow((long) item * f.seqLen() + position).reshape(1, -1).dup('c');
    }

    private static Target single(Target.Kind kind, int pos, int index) {
        return switch (kind) {
            case MASKED_LM -> Target.maskedLm(pos, index);
            case CLASS_LOGIT -> Target.classLogit(index);
            case QA_START -> Target.qaStartAt(pos);
            case QA_END -> Target.qaEndAt(pos);
        };
    }

    private static void checkPosition(int pos, int t, Target.Term term) {
        if (pos < 0 || pos >= t) throw new IllegalArgumentException("target " + term + ": position outside the sequence of length " + t);
    }

    private static void requireHead(boolean present, String name) {
        if (!present) throw new IllegalStateException("the model has no " + name + " head (its tensors are not in the checkpoint)");
    }
}
