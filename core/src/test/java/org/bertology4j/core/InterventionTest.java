package org.bertology4j.core;

import org.bertology4j.core.layers.HeadIntervention;
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
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.bertology4j.core.TinyModels.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** Head interventions: the recorded attention is the intended one and the outputs match the reference. */
class InterventionTest {
    final BertConfig cfg = TinyModels.tiny();
    final MapTensorSource tensors = RandomBertWeights.tensors(cfg, 7);
    final BertModel model = BertModel.fromTensors(cfg, tensors, DataType.DOUBLE);
    final ReferenceBert ref = new ReferenceBert(cfg, tensors);
    final BertInput in = ForwardVsReferenceTest.paddedBatch();

    @Test
    void disabledHeadIsUniformOverRealTokens() {
        ForwardTrace tr = model.forward(in, TraceOptions.builder().keepAttention().disableHead(0, 2).build());
        for (int b = 0; b < in.batchSize(); b++) {
            int len = in.realLength(b);
            INDArray a = tr.attention(0, b).get(point(2), all(), all());
            for (int i = 0; i < in.seqLen(); i++) {
                for (int j = 0; j < in.seqLen(); j++) {
                    assertEquals(j < len ? 1.0 / len : 0.0, a.getDouble(i, j), 1e-15, "item " + b + " (" + i + "," + j + ")");
                }
            }
        }
        check(tr, Map.of(0, List.of(new HeadIntervention(HeadIntervention.Kind.DISABLE, 2, null))));
    }

    @Test
    void maskedHeadContributesNothing() {
        ForwardTrace tr = model.forward(in, TraceOptions.builder().keepAttention().maskHead(1, 0).maskHead(1, 3).build());
        assertEquals(0.0, tr.attention(1).get(all(), point(0), all(), all()).amaxNumber().doubleValue(), 0.0);
        check(tr, Map.of(1, List.of(new HeadIntervention(HeadIntervention.Kind.MASK, 0, null),
                new HeadIntervention(HeadIntervention.Kind.MASK, 3, null))));
        // Masking a head does change the output (the head mattered).
        double d = tr.lastHidden().sub(model.forward(in).lastHidden()).amaxNumber().doubleValue();
        assertTrue(d > 1e-3, "masking changed the output by only " + d);
    }

    @Test
    void replacedMapIsUsedBroadcastAndPerItem() {
        int t = in.seqLen();
        INDArray shared = Nd4j.rand(DataType.DOUBLE, t, t);
        shared.diviColumnVector(shared.sum(1).reshape(t, 1));
        ForwardTrace tr = model.forward(in, TraceOptions.builder().keepAttention().replaceAttention(1, 1, shared).build());
        for (int b = 0; b < in.batchSize(); b++) {
            assertEquals(0.0, tr.attention(1, b).get(point(1), all(), all()).sub(shared).amaxNumber().doubleValue(), 0.0);
        }
        check(tr, Map.of(1, List.of(new HeadIntervention(HeadIntervention.Kind.REPLACE, 1, shared))));

        INDArray perItem = Nd4j.rand(DataType.DOUBLE, in.batchSize(), t, t);
        ForwardTrace tr2 = model.forward(in, TraceOptions.builder().keepAttention().replaceAttention(0, 3, perItem).build());
        assertEquals(0.0, tr2.attention(0).get(all(), point(3), all(), all()).sub(perItem).amaxNumber().doubleValue(), 0.0);
        check(tr2, Map.of(0, List.of(new HeadIntervention(HeadIntervention.Kind.REPLACE, 3, perItem))));
    }

    @Test
    void badInterventionsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(in, TraceOptions.builder().maskHead(5, 0).build()));
        assertTrue(e.getMessage().contains("layer 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(in, TraceOptions.builder().disableHead(0, 9).build()));
        assertTrue(e.getMessage().contains("head 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(in, TraceOptions.builder().replaceAttention(0, 0, Nd4j.ones(DataType.DOUBLE, 4, 4)).build()));
        assertTrue(e.getMessage().contains("[4, 4]"), e.getMessage());
    }

    private void check(ForwardTrace tr, Map<Integer, List<HeadIntervention>> ivs) {
        for (int b = 0; b < in.batchSize(); b++) {
            ReferenceBert.Result r = ref.forward(in.ids()[b], in.segmentIds()[b], in.attentionMask()[b], ivs, b);
            assertClose("last hidden item " + b, tr.lastHidden().get(point(b), all(), all()), r.last(), 1e-10);
        }
    }
}
