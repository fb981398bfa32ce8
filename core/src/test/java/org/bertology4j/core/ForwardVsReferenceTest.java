package org.bertology4j.core;

import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.heads.SpanLogits;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.RandomBertWeights;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.bertology4j.core.TinyModels.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** The ND4J engine against the plain-Java double reference, every kept intermediate and every head. */
class ForwardVsReferenceTest {
    static final double TOL = 1e-10;
    final BertConfig cfg = TinyModels.tiny();
    final MapTensorSource tensors = RandomBertWeights.tensors(cfg, 42);
    final BertModel model = BertModel.fromTensors(cfg, tensors, DataType.DOUBLE);
    final ReferenceBert ref = new ReferenceBert(cfg, tensors);

    /** Three sequences of lengths 9, 5, 7 with a second segment in the first, right-padded to 9. */
    static BertInput paddedBatch() {
        int[][] ids = {{2, 7, 13, 21, 3, 44, 5, 17, 3}, {2, 30, 31, 32, 3, 0, 0, 0, 0}, {2, 49, 1, 8, 9, 10, 3, 0, 0}};
        int[][] seg = {{0, 0, 0, 0, 0, 1, 1, 1, 1}, new int[9], new int[9]};
        int[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1, 0, 0}};
        return BertInput.of(ids, seg, mask);
    }

    @Test
    void everyIntermediateAndHeadMatchesReference() {
        BertInput in = paddedBatch();
        ForwardTrace tr = model.forward(in, TraceOptions.all());
        INDArray mlm = model.maskedLmLogits(tr);
        INDArray pooled = model.pooledOutput(tr);
        INDArray cls = model.sequenceClassificationLogits(tr);
        INDArray tok = model.tokenClassificationLogits(tr);
        SpanLogits qa = model.questionAnsweringLogits(tr);
        assertEquals(cfg.vocabSize(), mlm.size(2));
        assertEquals(cfg.numLabels(), cls.size(1));
        for (int b = 0; b < in.batchSize(); b++) {
            ReferenceBert.Result r = ref.forward(in.ids()[b], in.segmentIds()[b], in.attentionMask()[b]);
            for (int n = 0; n <= cfg.numHiddenLayers(); n++) {
                assertClose("h_" + n + " item " + b, slice(tr.hidden(n), b), r.hidden[n], TOL);
            }
            for (int l = 0; l < cfg.numHiddenLayers(); l++) {
                assertClose("attention layer " + l + " item " + b, tr.attention(l, b), r.attention[l], TOL);
                assertClose("scores layer " + l + " item " + b,
                        tr.scores(l).get(point(b), all(), all(), all()), r.scores[l], 1e-9);
                assertClose("ffn layer " + l + " item " + b, slice(tr.ffnActivations(l), b), r.ffn[l], TOL);
            }
            double[][] last = r.last();
            assertClose("MLM logits item " + b, slice(mlm, b), ref.mlmLogits(last), TOL);
            assertClose("pooled item " + b, pooled.get(point(b), all()).reshape(1, -1), new double[][]{ref.pooled(last)}, TOL);
            assertClose("classification item " + b, cls.get(point(b), all()).reshape(1, -1), new double[][]{ref.sequenceLogits(last)}, TOL);
            assertClose("token classification item " + b, slice(tok, b), ref.tokenLogits(last), TOL);
            double[][] qaRef = ref.qaLogits(last);
            for (int t = 0; t < in.seqLen(); t++) {
                assertEquals(qaRef[t][0], qa.start().getDouble(b, t), TOL, "QA start");
                assertEquals(qaRef[t][1], qa.end().getDouble(b, t), TOL, "QA end");
            }
            // Single-position MLM equals the full computation.
            INDArray one = model.maskedLmLogits(tr, b, 2);
            assertClose("MLM at (b,2)", one.reshape(1, -1), new double[][]{ref.mlmLogits(last)[2]}, TOL);
        }
    }

    @Test
    void attentionIsNotTrivial() {
        // Guards the test above: with near-uniform attention many mistakes would go unnoticed.
        ForwardTrace tr = model.forward(paddedBatch(), TraceOptions.builder().keepAttention().build());
        double max = tr.attention(1).maxNumber().doubleValue();
        assertTrue(max > 0.5, "some attention weight should be peaked, max " + max);
    }

    @Test
    void paddingDoesNotChangeRealTokens() {
        BertInput batch = paddedBatch();
        ForwardTrace padded = model.forward(batch, TraceOptions.all());
        for (int b = 0; b < batch.batchSize(); b++) {
            int len = batch.realLength(b);
            int[] ids = java.util.Arrays.copyOf(batch.ids()[b], len);
            int[] seg = java.util.Arrays.copyOf(batch.segmentIds()[b], len);
            ForwardTrace alone = model.forward(BertInput.of(new int[][]{ids}, new int[][]{seg}, new int[][]{ones(len)}),
                    TraceOptions.all());
            INDArray real = padded.lastHidden().get(point(b), NDArrayIndex.interval(0, len), all());
            double d = real.sub(alone.lastHidden().get(point(0), all(), all())).amaxNumber().doubleValue();
            assertTrue(d < 1e-12, "item " + b + " changes by " + d + " when padded");
            INDArray att = padded.attention(1, b).get(all(), NDArrayIndex.interval(0, len), NDArrayIndex.interval(0, len));
            double da = att.sub(alone.attention(1, 0)).amaxNumber().doubleValue();
            assertTrue(da < 1e-12, "attention of item " + b + " changes by " + da);
            if (len < batch.seqLen()) {
                INDArray toPad = padded.attention(0, b).get(all(), all(), NDArrayIndex.interval(len, batch.seqLen()));
                assertEquals(0.0, toPad.amaxNumber().doubleValue(), 0.0, "attention to padding must be 0");
            }
        }
    }

    @Test
    void float32IsCloseToDoubleReference() {
        BertModel f32 = BertModel.fromTensors(cfg, tensors, DataType.FLOAT);
        BertInput in = paddedBatch();
        ForwardTrace tr = f32.forward(in);
        assertEquals(DataType.FLOAT, tr.lastHidden().dataType());
        for (int b = 0; b < in.batchSize(); b++) {
            ReferenceBert.Result r = ref.forward(in.ids()[b], in.segmentIds()[b], in.attentionMask()[b]);
            assertClose("float32 last hidden item " + b, slice(tr.lastHidden(), b), r.last(), 1e-4);
        }
    }

    @Test
    void tanhGeluFormMatchesReference() {
        BertModel tanh = BertModel.fromTensors(cfg, tensors, org.bertology4j.core.model.LoadOptions.of(DataType.DOUBLE).withHiddenAct("gelu_new"));
        ReferenceBert tanhRef = new ReferenceBert(cfg, tensors);
        tanhRef.tanhGelu = true;
        BertInput in = paddedBatch();
        ForwardTrace tr = tanh.forward(in);
        INDArray mlm = tanh.maskedLmLogits(tr);
        double formGap = 0;
        for (int b = 0; b < in.batchSize(); b++) {
            ReferenceBert.Result r = tanhRef.forward(in.ids()[b], in.segmentIds()[b], in.attentionMask()[b]);
            assertClose("tanh-GELU last hidden item " + b, slice(tr.lastHidden(), b), r.last(), TOL);
            assertClose("tanh-GELU MLM item " + b, slice(mlm, b), tanhRef.mlmLogits(r.last()), TOL);
            formGap = Math.max(formGap, TinyModels.maxAbsDiff(slice(tr.lastHidden(), b),
                    ref.forward(in.ids()[b], in.segmentIds()[b], in.attentionMask()[b]).last()));
        }
        assertTrue(formGap > 1e-6, "the two GELU forms should differ measurably, gap " + formGap);
    }

    @Test
    void hiddenActInConfigSelectsTheGeluForm() {
        BertModel fromConfig = BertModel.fromTensors(cfg.withHiddenAct("gelu_new"), tensors, DataType.DOUBLE);
        BertModel explicitTanh = BertModel.fromTensors(cfg, tensors, org.bertology4j.core.model.LoadOptions.of(DataType.DOUBLE).withHiddenAct("gelu_new"));
        BertModel erf = BertModel.fromTensors(cfg, tensors, DataType.DOUBLE);
        BertInput in = paddedBatch();
        INDArray a = fromConfig.forward(in).lastHidden(), b = explicitTanh.forward(in).lastHidden();
        assertEquals(0.0, a.sub(b).amaxNumber().doubleValue(), 0.0, "gelu_new must mean the tanh form");
        assertTrue(a.sub(erf.forward(in).lastHidden()).amaxNumber().doubleValue() > 1e-6, "gelu must mean exact erf");
    }

    @Test
    void headsArePresentAndQueryable() {
        for (HeadType h : HeadType.values()) assertTrue(model.hasHead(h), h.name());
        BertModel bare = BertModel.fromTensors(cfg.withNumLabels(0), withoutHeads(), DataType.DOUBLE);
        assertTrue(!bare.hasHead(HeadType.MASKED_LM) && !bare.hasHead(HeadType.QUESTION_ANSWERING));
        ForwardTrace tr = bare.forward(paddedBatch());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> bare.maskedLmLogits(tr));
        assertTrue(e.getMessage().contains("MASKED_LM"), e.getMessage());
        // Backbone names without the "bert." prefix load too and give the same output.
        assertClose("unprefixed", slice(tr.lastHidden(), 0),
                ref.forward(paddedBatch().ids()[0], paddedBatch().segmentIds()[0], paddedBatch().attentionMask()[0]).last(), TOL);
    }

    private MapTensorSource withoutHeads() {
        MapTensorSource s = new MapTensorSource("backbone only, unprefixed");
        for (String n : tensors.names()) {
            if (n.startsWith("bert.") && !n.startsWith("bert.pooler")) {
                var t = tensors.get(n);
                s.put(new org.bertology4j.weights.Tensor(n.substring(5), t.dtype(), t.shape(), t.data()));
            }
        }
        return s;
    }

    static int[] ones(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    /** [T, X] slice of a [B, T, X] array. */
    static INDArray slice(INDArray a, int b) { return a.get(point(b), all(), all()); }
}
