package org.bertology4j.core.grad;

import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.heads.MaskedLmHead;
import org.bertology4j.core.kernels.Kernels;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masked-LM cross-entropy, mean over the given (item, position) pairs. Only those rows go through the head.
 * Gradient: dlogits = (softmax − onehot)/M; decoder (tied word embeddings) dD = dlogitsᵀ·t, dt = dlogits·D,
 * then LayerNorm, GELU and the transform dense backwards.
 */
public final class MaskedLmLoss implements Loss {
    /** Key of the tied decoder gradient, folded into the word-embedding gradient. */
    static final String TIED_DECODER = "cls.predictions.decoder.weight(tied)";
    private final int[] items, positions, targets;

    /**
     * @param items     batch item of each masked position
     * @param positions token position of each masked position
     * @param targets   the true token id at each masked position
     */
    public MaskedLmLoss(int[] items, int[] positions, int[] targets) {
        if (items.length != positions.length || items.length != targets.length || items.length == 0) {
            throw new IllegalArgumentException("masked-LM loss needs equal, non-empty item/position/target arrays, got "
                    + items.length + "/" + positions.length + "/" + targets.length);
        }
        this.items = items.clone();
        this.positions = positions.clone();
        this.targets = targets.clone();
    }

    @Override
    public LossValue evaluate(BertModel model, ForwardTrace trace, ParameterGradients params) {
        MaskedLmHead head = HeadType.MASKED_LM.require(model.weights().maskedLm());
        int t = trace.seqLen(), m = items.length;
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            if (items[i] < 0 || items[i] >= trace.batchSize() || positions[i] < 0 || positions[i] >= t) {
                throw new IndexOutOfBoundsException("masked position (" + items[i] + ", " + positions[i] + ") outside the batch ["
                        + trace.batchSize() + ", " + t + "]");
            }
            rows[i] = items[i] * t + positions[i];
        }
        INDArray x = Nd4j.pullRows(trace.lastHiddenRows(), 1, rows);
        Linear.Cache lc = new Linear.Cache();
        Gelu.Cache gc = new Gelu.Cache();
        LayerNorm.Cache nc = new LayerNorm.Cache();
        Gelu.Form form = model.weights().gelu();
        INDArray tr = head.norm().forward(Gelu.forward(head.transform().forward(x, lc), form, gc), nc);
        INDArray logits = Nd4j.createUninitialized(x.dataType(), new long[]{m, head.decoder().size(0)}, 'c');   // beta 0
        Kernels.gemm(tr, head.decoder(), logits, false, true, 1.0, 0.0);
        logits.addiRowVector(head.bias());
        CrossEntropy.Result ce = CrossEntropy.of(logits, targets, "masked-LM loss");
        INDArray dLogits = ce.dLogits().divi(m);
        INDArray dTr = Nd4j.createUninitialized(x.dataType(), new long[]{m, head.decoder().size(1)}, 'c');
        Kernels.gemm(dLogits, head.decoder(), dTr, false, false, 1.0, 0.0);
        if (params != null) {
            boolean tied = head.decoder() == model.weights().embeddings().wordEmbeddings();
            ParameterGradients.HeadAccumulator dDec = params.headToWrite(tied ? TIED_DECODER : "cls.predictions.decoder.weight", head.decoder());
            Kernels.gemm(dLogits, tr, dDec.array(), true, false, 1.0, dDec.zero() ? 0.0 : 1.0);
            params.head("cls.predictions.bias", head.bias()).addi(Kernels.columnSums(dLogits));
        }
        INDArray dG = head.norm().backward(dTr, nc, params == null ? null : params.normHead("cls.predictions.transform.LayerNorm", head.norm()));
        INDArray dZ = Gelu.backward(dG, gc, form);
        INDArray dX = head.transform().backward(dZ, lc,
                params == null ? null : params.linearHead("cls.predictions.transform.dense", head.transform()));
        INDArray dH = Nd4j.zeros(x.dataType(), (long) trace.batchSize() * t, x.size(1));
        for (int i = 0; i < m; i++) dH.getRow(rows[i]).addi(dX.getRow(i));
        return new LossValue(ce.sum() / m, dH);
    }
}
