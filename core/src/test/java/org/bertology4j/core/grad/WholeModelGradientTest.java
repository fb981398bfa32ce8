package org.bertology4j.core.grad;

import org.bertology4j.core.TinyModels;
import org.bertology4j.core.layers.HeadIntervention;
import org.bertology4j.core.layers.SelfAttention;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.RandomBertWeights;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bertology4j.core.grad.FiniteDifferences.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole-model gradients (float64, tiny random BERT, padded batch) against central finite differences:
 * every parameter tensor (sampled entries) for each head's loss, every hidden state, the embedding sum and
 * every attention map. Loss values are checked against cross-entropies computed here from the forward
 * engine's own head logits.
 */
class WholeModelGradientTest {
    static final TraceOptions CACHES = TraceOptions.builder().keepCaches().build();
    final BertConfig cfg = TinyModels.tiny();
    final MapTensorSource tensors = RandomBertWeights.tensors(cfg, 42);
    final BertModel model = BertModel.fromTensors(cfg, tensors, DataType.DOUBLE);

    /** Lengths 6 and 4 (padded), second segment in item 0. */
    static BertInput batch() {
        int[][] ids = {{2, 7, 13, 3, 44, 3}, {2, 30, 31, 3, 0, 0}};
        int[][] seg = {{0, 0, 0, 0, 1, 1}, new int[6]};
        int[][] mask = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
        return BertInput.of(ids, seg, mask);
    }

    static List<Loss> losses() {
        return List.of(new MaskedLmLoss(new int[]{0, 0, 1}, new int[]{1, 4, 2}, new int[]{7, 11, 40}),
                new SequenceClassificationLoss(new int[]{2, 0}),
                new SpanLoss(new int[]{1, 2}, new int[]{4, 3}),
                new TokenClassificationLoss(new int[][]{{0, 1, 2, 0, 1, 2}, {1, 1, 0, 2, -1, -1}}));
    }

    @Test
    void everyParameterForEveryHeadLoss() {
        BertInput in = batch();
        for (Loss loss : losses()) {
            Gradients g = new Backprop(model).compute(model.forward(in, CACHES), loss, GradientRequest.all());
            int checked = 0;
            for (String name : tensors.names()) {
                if (loss instanceof MaskedLmLoss ? name.startsWith("qa_") || name.startsWith("classifier") || name.contains("pooler")
                        : name.startsWith("cls.")) continue;
                if (!(loss instanceof SpanLoss) && name.startsWith("qa_")) continue;
                if (loss instanceof SpanLoss && (name.startsWith("classifier") || name.contains("pooler"))) continue;
                if (loss instanceof TokenClassificationLoss && name.contains("pooler")) continue;
                INDArray grad = g.parameters().get(name);
                if (name.endsWith("attention.self.key.bias")) {
                    // Adds q·b_k to every score of a query row: softmax is invariant, so the gradient is exactly 0.
                    assertTrue(grad.amaxNumber().doubleValue() < 1e-12, name + " gradient should vanish: " + grad);
                    continue;
                }
                Tensor t = tensors.get(name);
                INDArray live = Nd4j.create(t.toDoubles(), t.shape(), 'c');
                MapTensorSource copy = copyOf(tensors);
                check(loss.getClass().getSimpleName() + " d/d " + name, live, grad, () -> {
                    copy.put(Tensor.ofDoubles(name, t.shape(), live.reshape(live.length()).toDoubleVector()));
                    BertModel m = BertModel.fromTensors(cfg, copy, DataType.DOUBLE);
                    return loss.evaluate(m, m.forward(in, CACHES), null).value();
                }, name.contains("word") ? 12 : 6, name.hashCode());
                checked++;
            }
            assertTrue(checked >= 2 + 16 * cfg.numHiddenLayers(), "checked " + checked + " tensors");
        }
    }

    @Test
    void reusedAccumulatorsEqualFreshOnesAfterZeroAndAddUpWithout() {
        BertInput in = batch();
        ParameterGradients reused = ParameterGradients.of(model);
        for (Loss loss : losses()) {
            Map<String, INDArray> fresh = new Backprop(model).compute(model.forward(in, CACHES), loss, GradientRequest.all()).parameters().byName();
            for (int round = 0; round < 2; round++) {
                reused.zero();
                new Backprop(model).compute(model.forward(in, CACHES), loss, GradientRequest.all(), reused);
                for (var e : fresh.entrySet()) {
                    assertEquals(0, e.getValue().sub(reused.get(e.getKey())).norm1Number().doubleValue(), 1e-12, e.getKey() + " round " + round);
                }
            }
            // Without zero() the next call adds to what is there.
            new Backprop(model).compute(model.forward(in, CACHES), loss, GradientRequest.all(), reused);
            // (the masked-LM decoder's accumulator, written by a product that overwrites it after zero(), adds too)
            for (String name : loss instanceof MaskedLmLoss
                    ? List.of("bert.encoder.layer.1.intermediate.dense.weight", "bert.embeddings.word_embeddings.weight")
                    : List.of("bert.encoder.layer.1.intermediate.dense.weight")) {
                assertEquals(0, fresh.get(name).mul(2).sub(reused.get(name)).norm1Number().doubleValue(), 1e-12, name);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Backprop(model).compute(model.forward(in, CACHES), losses().get(0), GradientRequest.inputsOnly(), reused));
        // zero() is lazy for dense layers; reading before the next backward still sees zeros.
        reused.zero();
        for (var e : reused.byName().entrySet()) assertEquals(0, e.getValue().amaxNumber().doubleValue(), 0, e.getKey());
    }

    @Test
    void lossValuesMatchForwardHeads() {
        BertInput in = batch();
        ForwardTrace tr = model.forward(in, CACHES);
        INDArray mlm = model.maskedLmLogits(tr);
        double expect = (ce(row(mlm, 0, 1), 7) + ce(row(mlm, 0, 4), 11) + ce(row(mlm, 1, 2), 40)) / 3;
        assertEquals(expect, losses().get(0).evaluate(model, tr, null).value(), 1e-12);
        INDArray cls = model.sequenceClassificationLogits(tr);
        expect = (ce(cls.getRow(0).toDoubleVector(), 2) + ce(cls.getRow(1).toDoubleVector(), 0)) / 2;
        assertEquals(expect, losses().get(1).evaluate(model, tr, null).value(), 1e-12);
        var qa = model.questionAnsweringLogits(tr);
        expect = (ce(qa.start().getRow(0).toDoubleVector(), 1) + ce(qa.start().getRow(1).toDoubleVector(), 2)
                + ce(qa.end().getRow(0).toDoubleVector(), 4) + ce(qa.end().getRow(1).toDoubleVector(), 3)) / 4;
        assertEquals(expect, losses().get(2).evaluate(model, tr, null).value(), 1e-12);
    }

    @Test
    void hiddenStatesEmbeddingsAndAttentionMaps() {
        BertInput in = batch();
        Loss loss = losses().get(0);
        ForwardTrace tr = model.forward(in, TraceOptions.builder().keepCaches().keepHiddenStates().build());
        Gradients g = new Backprop(model).compute(tr, loss, new GradientRequest(false, true));
        int b = in.batchSize(), t = in.seqLen(), layers = cfg.numHiddenLayers();
        INDArray real = Nd4j.create(new double[][]{{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}});
        INDArray addMask = real.rsub(1.0).muli(SelfAttention.MASK_VALUE);
        for (int n = 0; n <= layers; n++) {
            final int from = n;
            INDArray h = tr.hidden(n).dup('c').reshape('c', (long) b * t, cfg.hiddenSize());
            check("dL/dh_" + n, h, g.hidden(n), () -> lossFromHidden(from, h, b, t, addMask, real, loss, in), 40, n);
        }
        INDArray sum = tr.embeddingsCache().sum().dup('c');
        check("dL/d(embedding sum)", sum, g.embeddingSum(),
                () -> lossFromHidden(0, model.weights().embeddings().layerNorm().forward(sum, null), b, t, addMask, real, loss, in), 40, 9);
        for (int l = 0; l < layers; l++) {
            INDArray probs = tr.cache(l).attention().probs().dup('c');
            final int layer = l;
            check("dL/dA layer " + l, probs, g.attention(l), () -> {
                TraceOptions.Builder o = TraceOptions.builder().keepCaches();
                for (int k = 0; k < cfg.numAttentionHeads(); k++) {
                    o.replaceAttention(layer, k, probs.get(NDArrayIndex.all(), NDArrayIndex.point(k)).dup());
                }
                return loss.evaluate(model, model.forward(in, o.build()), null).value();
            }, 40, 5 + l);
        }
        // Padding keys receive no attention, so the gradient flowing into their scores is zero, but dL/dA is not masked.
        assertTrue(g.attention(0).amaxNumber().doubleValue() > 0);
    }

    @Test
    void interventionsFreezeTheirHeads() {
        BertInput in = batch();
        TraceOptions opts = TraceOptions.builder().keepCaches().disableHead(1, 2).maskHead(0, 1).build();
        Gradients g = new Backprop(model).compute(model.forward(in, opts), losses().get(1), GradientRequest.all());
        INDArray q = g.parameters().get("bert.encoder.layer.0.attention.self.query.weight");
        Tensor t = tensors.get("bert.encoder.layer.0.attention.self.query.weight");
        INDArray live = Nd4j.create(t.toDoubles(), t.shape(), 'c');
        MapTensorSource copy = copyOf(tensors);
        check("query weight with interventions", live, q, () -> {
            copy.put(Tensor.ofDoubles(t.name(), t.shape(), live.reshape(live.length()).toDoubleVector()));
            BertModel m = BertModel.fromTensors(cfg, copy, DataType.DOUBLE);
            return losses().get(1).evaluate(m, m.forward(in, opts), null).value();
        }, 16, 3);
    }

    @Test
    void clearErrors() {
        BertInput in = batch();
        ForwardTrace noCache = model.forward(in);
        BadInput.assertMessage(IllegalStateException.class, () -> new Backprop(model).compute(noCache, losses().get(0), GradientRequest.inputsOnly()), "keepCaches()");
        ForwardTrace tr = model.forward(in, CACHES);
        BadInput.assertMessage(IllegalArgumentException.class,
                () -> new Backprop(model).fromLastHidden(tr, Nd4j.zeros(DataType.DOUBLE, 2, 5, 16), GradientRequest.inputsOnly()), "[2, 6, 16]", "[2, 5, 16]");
        Gradients g = new Backprop(model).fromLastHidden(tr, Nd4j.ones(DataType.DOUBLE, 2, 6, 16), GradientRequest.inputsOnly());
        BadInput.assertMessage(IllegalStateException.class, () -> g.attention(0), "attention gradients were not requested");
        BadInput.assertMessage(IllegalStateException.class, g::parameters, "parameter gradients were not requested");
        assertThrows(IndexOutOfBoundsException.class, () -> g.hidden(3));
        assertThrows(IndexOutOfBoundsException.class, () -> g.attention(2));
    }

    private double lossFromHidden(int n, INDArray h, int b, int t, INDArray addMask, INDArray real, Loss loss, BertInput in) {
        INDArray x = h;
        for (int l = n; l < cfg.numHiddenLayers(); l++) {
            x = model.weights().layer(l).forward(x, b, t, addMask, real, List.of(), null, null);
        }
        // MLM loss from h_L, computed here with the forward engine's head.
        MaskedLmLoss m = (MaskedLmLoss) loss;
        INDArray logits = model.weights().maskedLm().forward(x);
        int[][] at = {{0, 1, 7}, {0, 4, 11}, {1, 2, 40}};
        double s = 0;
        for (int[] a : at) s += ce(logits.getRow((long) a[0] * t + a[1]).toDoubleVector(), a[2]);
        return s / at.length;
    }

    static double[] row(INDArray logits3, int b, int t) {
        return logits3.get(NDArrayIndex.point(b), NDArrayIndex.point(t), NDArrayIndex.all()).toDoubleVector();
    }

    static double ce(double[] z, int target) {
        double max = Double.NEGATIVE_INFINITY, s = 0;
        for (double v : z) max = Math.max(max, v);
        for (double v : z) s += Math.exp(v - max);
        return max + Math.log(s) - z[target];
    }

    static MapTensorSource copyOf(MapTensorSource src) {
        MapTensorSource c = new MapTensorSource("perturbed copy");
        for (String n : src.names()) c.put(src.get(n));
        return c;
    }

    /** Message assertions. */
    static final class BadInput {
        static <T extends Throwable> void assertMessage(Class<T> type, org.junit.jupiter.api.function.Executable ex, String... parts) {
            T e = assertThrows(type, ex);
            for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }
}
