package org.bertology4j.core;

import org.bertology4j.core.heads.MaskedLmHead;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fill-mask top-k: sorted, the logits' own order, probabilities of the full softmax. */
class FillMaskTest {
    @Test
    void topKFollowsTheLogits() {
        BertModel model = BertModel.random(TinyModels.tiny(), 3, DataType.DOUBLE);
        BertInput in = ForwardVsReferenceTest.paddedBatch();
        ForwardTrace tr = model.forward(in);
        int vocab = model.config().vocabSize();
        double[] logits = model.maskedLmLogits(tr, 1, 2).toDoubleVector();
        List<MaskedLmHead.Prediction> all = model.fillMask(tr, 1, 2, vocab);
        assertEquals(vocab, all.size());
        double sum = 0;
        for (int i = 0; i < all.size(); i++) {
            MaskedLmHead.Prediction p = all.get(i);
            assertEquals(logits[p.tokenId()], p.logit(), 0.0);
            if (i > 0) assertTrue(all.get(i - 1).logit() >= p.logit(), "sorted best first");
            sum += p.probability();
        }
        assertEquals(1.0, sum, 1e-12);
        List<MaskedLmHead.Prediction> top3 = model.fillMask(tr, 1, 2, 3);
        assertEquals(all.subList(0, 3), top3);
        assertEquals(top3, model.weights().maskedLm().topK(tr.lastHidden().get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(2),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), 3));
        assertThrows(IllegalArgumentException.class, () -> model.fillMask(tr, 1, 2, 0));
    }
}
