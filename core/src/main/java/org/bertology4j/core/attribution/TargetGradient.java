package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.heads.MaskedLmHead;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.BertWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A {@link Target}'s value on every item of a batch and its gradient w.r.t. the last hidden state: the heads' forward
 * passes with their caches and their hand-written VJPs (masked-LM: dense, GELU, LayerNorm, decoder row; class: pooler
 * dense, tanh, classifier column; QA: the span layer's column). The seed of every gradient-based method here.
 */
final class TargetGradient {
    /** Values [B] and dTarget/dh_L as rows [B·T, H] in the model's type. */
    record Result(double[] values, INDArray cotangent) {}

    private TargetGradient() {}

    /**
     * Resolves QA argmax placeholders from item 0 of {@code lastRows} [B·T, H] (the input; over its real tokens) and
     * checks every term against the model's heads and the sequence.
     */
    static Target resolve(BertModel model, Target target, INDArray lastRows, int[] mask) {
        BertWeights w = model.weights();
        Target out = null;
        for (Target.Term t : target.terms()) {
            int pos = t.position();
            Target one;
            switch (t.kind()) {
                case MASKED_LM -> {
                    require(w.maskedLm() != null, "masked-LM");
                    if (t.index() >= w.config().vocabSize()) {
                        throw new IllegalArgumentException("target " + t + ": token id outside the vocabulary (size " + w.config().vocabSize() + ")");
                    }
                    one = Target.maskedLm(checkPosition(pos, mask.length, t), t.index());
                }
                case CLASS_LOGIT -> {
                    require(w.pooler() != null && w.classifier() != null, "sequence-classification");
                    if (t.index() >= w.classifier().outFeatures()) {
                        throw new IllegalArgumentException("target " + t + ": the classifier has " + w.classifier().outFeatures() + " labels");
                    }
                    one = Target.classLogit(t.index());
                }
                default -> {
                    require(w.qaOutputs() != null, "question-answering");
                    boolean start = t.kind() == Target.Kind.QA_START;
                    if (pos == Target.ARGMAX) pos = argmax(w, lastRows, mask, start ? 0 : 1);
                    checkPosition(pos, mask.length, t);
                    one = start ? Target.qaStartAt(pos) : Target.qaEndAt(pos);
                }
            }
            one = one.times(t.weight());
            out = out == null ? one : out.plus(one);
        }
        if (out == null) throw new IllegalArgumentException("target has no terms");
        return out;
    }

    /** The resolved target's value on each of the {@code batch} items of {@code lastRows} and its cotangent. */
    static Result of(BertModel model, Target resolved, INDArray lastRows, int batch, int seqLen) {
        BertWeights w = model.weights();
        double[] values = new double[batch];
        INDArray cot = Nd4j.zeros(lastRows.dataType(), (long) batch * seqLen, lastRows.size(1));
        for (Target.Term t : resolved.terms()) {
            int pos = t.kind() == Target.Kind.CLASS_LOGIT ? 0 : t.position();
            int[] rows = new int[batch];
            for (int b = 0; b < batch; b++) rows[b] = b * seqLen + pos;
            INDArray x = Nd4j.pullRows(lastRows, 1, rows);                        // [B, H]
            INDArray value, dx;
            switch (t.kind()) {
                case MASKED_LM -> {
                    MaskedLmHead head = w.maskedLm();
                    Linear.Cache lc = new Linear.Cache();
                    Gelu.Cache gc = new Gelu.Cache();
                    LayerNorm.Cache nc = new LayerNorm.Cache();
                    INDArray n = head.norm().forward(Gelu.forward(head.transform().forward(x, lc), w.gelu(), gc), nc);
                    INDArray row = head.decoder().getRow(t.index()).reshape(1, -1);
                    value = n.mulRowVector(row).sum(1).addi(head.bias().getDouble(t.index()));
                    INDArray dn = Nd4j.zeros(x.dataType(), batch, x.size(1)).addiRowVector(row);
                    dx = head.transform().backward(Gelu.backward(head.norm().backward(dn, nc, null), gc, w.gelu()), lc, null);
                }
                case CLASS_LOGIT -> {
                    Linear.Cache lc = new Linear.Cache();
                    INDArray act = Transforms.tanh(w.pooler().dense().forward(x, lc), true);
                    value = w.classifier().forward(act, null).getColumn(t.index()).dup();
                    INDArray col = w.classifier().weightT().getColumn(t.index()).reshape(1, -1);
                    INDArray dPre = Nd4j.zeros(x.dataType(), batch, act.size(1)).addiRowVector(col)
                            .muli(act.mul(act).rsubi(1));
                    dx = w.pooler().dense().backward(dPre, lc, null);
                }
                default -> {
                    int c = t.kind() == Target.Kind.QA_START ? 0 : 1;
                    value = w.qaOutputs().forward(x, null).getColumn(c).dup();
                    dx = Nd4j.zeros(x.dataType(), batch, x.size(1)).addiRowVector(w.qaOutputs().weightT().getColumn(c).reshape(1, -1));
                }
            }
            double[] v = value.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(-1).toDoubleVector();
            for (int b = 0; b < batch; b++) {
                values[b] += t.weight() * v[b];
                cot.getRow(rows[b]).addi(dx.getRow(b).mul(t.weight()));
            }
        }
        return new Result(values, cot);
    }

    private static int argmax(BertWeights w, INDArray lastRows, int[] mask, int column) {
        INDArray logits = w.qaOutputs().forward(lastRows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, mask.length),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c'), null);
        int best = -1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 1 && (best < 0 || logits.getDouble(i, column) > logits.getDouble(best, column))) best = i;
        }
        return best;
    }

    private static int checkPosition(int pos, int t, Target.Term term) {
        if (pos < 0 || pos >= t) throw new IllegalArgumentException("target " + term + ": position outside the sequence of length " + t);
        return pos;
    }

    private static void require(boolean present, String name) {
        if (!present) throw new IllegalStateException("the model has no " + name + " head (its tensors are not in the checkpoint)");
    }
}
