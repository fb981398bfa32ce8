package org.bertology4j.core;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.RandomBertWeights;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import static org.bertology4j.core.ForwardVsReferenceTest.slice;
import static org.bertology4j.core.TinyModels.assertClose;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Without backward caches the forward pass keeps its temporaries in reused scratch memory; what a
 * trace returns must be copied out of it. Checks kept arrays against the reference after later
 * passes (which reuse the same scratch memory) have run, with and without padding.
 */
class ScratchMemoryTest {
    final BertConfig cfg = TinyModels.tiny();
    final MapTensorSource tensors = RandomBertWeights.tensors(cfg, 42);
    final BertModel model = BertModel.fromTensors(cfg, tensors, DataType.DOUBLE);
    final ReferenceBert ref = new ReferenceBert(cfg, tensors);

    @Test
    void keptArraysSurviveLaterPasses() {
        TraceOptions keep = TraceOptions.builder().keepHiddenStates().keepAttention().keepScores().keepFfnActivations().build();
        BertInput padded = ForwardVsReferenceTest.paddedBatch();
        int[][] ids = {{2, 11, 12, 13, 14, 15, 3}, {2, 40, 41, 42, 43, 44, 3}};
        BertInput unpadded = BertInput.of(ids);
        ForwardTrace a = model.forward(padded, keep);
        ForwardTrace b = model.forward(unpadded, keep);
        for (int k = 0; k < 3; k++) model.forward(k % 2 == 0 ? unpadded : padded, keep); // overwrite scratch
        check(a, padded);
        check(b, unpadded);
    }

    @Test
    void backwardResultsSurviveLaterPasses() {
        TraceOptions caches = TraceOptions.builder().keepCaches().build();
        BertInput in = ForwardVsReferenceTest.paddedBatch();
        var loss = new org.bertology4j.core.grad.SequenceClassificationLoss(new int[]{1, 0, 2});
        var request = new org.bertology4j.core.grad.GradientRequest(false, true);
        var g = new org.bertology4j.core.grad.Backprop(model).compute(model.forward(in, caches), loss, request);
        org.nd4j.linalg.api.ndarray.INDArray[] copies = new org.nd4j.linalg.api.ndarray.INDArray[2 * cfg.numHiddenLayers() + 1];
        for (int l = 0; l < cfg.numHiddenLayers(); l++) {
            copies[2 * l] = g.hidden(l).dup();
            copies[2 * l + 1] = g.attention(l).dup();
        }
        copies[copies.length - 1] = g.embeddingSum().dup();
        // Later backward and forward passes reuse the same scratch memory with other values.
        var other = new org.bertology4j.core.grad.SequenceClassificationLoss(new int[]{0, 2, 1});
        for (int k = 0; k < 2; k++) {
            new org.bertology4j.core.grad.Backprop(model).compute(model.forward(in, caches), other, request);
            model.forward(in, TraceOptions.none());
        }
        for (int l = 0; l < cfg.numHiddenLayers(); l++) {
            org.junit.jupiter.api.Assertions.assertEquals(copies[2 * l], g.hidden(l), "dL/dh_" + l);
            org.junit.jupiter.api.Assertions.assertEquals(copies[2 * l + 1], g.attention(l), "dL/dA_" + l);
        }
        org.junit.jupiter.api.Assertions.assertEquals(copies[copies.length - 1], g.embeddingSum(), "dL/d embeddings");
    }

    /**
     * DeepLIFT and the gradient-based attributions run in a per-thread workspace reused from call to call
     * ({@code model.ScratchMemory.run}): an attribution repeated after others of other inputs gives the same numbers,
     * bit for bit, as the first time (when it ran in fresh memory).
     */
    @Test
    void attributionsRepeatExactlyInReusedMemory() {
        BertModel m = BertModel.random(cfg, 42, DataType.DOUBLE);
        BertInput a = BertInput.of(new int[][]{{2, 11, 12, 4, 14, 3}}), b = BertInput.of(new int[][]{{2, 40, 41, 42, 4, 43, 44, 3}});
        var target = org.bertology4j.core.deeplift.Target.maskedLm(3, 17);
        var deepLift = new org.bertology4j.core.deeplift.DeepLift(m, new org.bertology4j.core.deeplift.SpecialTokens(0, 2, 3, 4));
        var gradInput = new org.bertology4j.core.attribution.GradientTimesInput(m);
        double[] first = deepLift.attribute(a, target).tokenScores(), firstGrad = gradInput.attribute(a, target).tokenScores();
        for (int k = 0; k < 2; k++) {
            deepLift.attribute(b, org.bertology4j.core.deeplift.Target.maskedLm(4, 9));
            gradInput.attribute(b, org.bertology4j.core.deeplift.Target.maskedLm(4, 9));
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, deepLift.attribute(a, target).tokenScores(), 0.0, "DeepLIFT");
        org.junit.jupiter.api.Assertions.assertArrayEquals(firstGrad, gradInput.attribute(a, target).tokenScores(), 0.0, "grad x input");
    }

    private void check(ForwardTrace tr, BertInput in) {
        for (int i = 0; i < in.batchSize(); i++) {
            ReferenceBert.Result r = ref.forward(in.ids()[i], in.segmentIds()[i], in.attentionMask()[i]);
            for (int n = 0; n <= cfg.numHiddenLayers(); n++) {
                assertClose("h_" + n + " item " + i, slice(tr.hidden(n), i), r.hidden[n], 1e-10);
            }
            for (int l = 0; l < cfg.numHiddenLayers(); l++) {
                assertClose("attention " + l + " item " + i, tr.attention(l, i), r.attention[l], 1e-10);
                assertClose("scores " + l + " item " + i, tr.scores(l).get(point(i), all(), all(), all()), r.scores[l], 1e-9);
                assertClose("ffn " + l + " item " + i, slice(tr.ffnActivations(l), i), r.ffn[l], 1e-10);
            }
        }
    }
}
