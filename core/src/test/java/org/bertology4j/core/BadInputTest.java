package org.bertology4j.core;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.RandomBertWeights;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.WeightsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clear errors for bad inputs, bad weights, and asking a trace for what it did not keep. */
class BadInputTest {
    final BertConfig cfg = TinyModels.tiny();
    final BertModel model = BertModel.random(cfg, 1, DataType.DOUBLE);

    static <T extends Throwable> void assertMessage(Class<T> type, Executable ex, String... parts) {
        T e = assertThrows(type, ex);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
    }

    @Test
    void idOutsideVocabulary() {
        assertMessage(IllegalArgumentException.class, () -> model.forward(BertInput.of(new int[][]{{2, 3, 4}, {2, 50, 4}})),
                "token id 50", "batch 1", "position 1", "size 50");
        assertMessage(IllegalArgumentException.class, () -> model.forward(BertInput.of(new int[][]{{2, -1}})), "token id -1");
    }

    @Test
    void sequenceLongerThanPositions() {
        assertMessage(IllegalArgumentException.class, () -> model.forward(BertInput.of(new int[][]{new int[25]})),
                "length 25", "max_position_embeddings 24");
    }

    @Test
    void segmentOutsideTypeVocabulary() {
        assertMessage(IllegalArgumentException.class,
                () -> model.forward(BertInput.of(new int[][]{{2, 3}}, new int[][]{{0, 2}}, new int[][]{{1, 1}})),
                "segment id 2", "position 1", "type_vocab_size=2");
    }

    @Test
    void mismatchedRowsWithoutMask() {
        assertMessage(IllegalArgumentException.class, () -> BertInput.of(new int[][]{{2, 3, 4}, {2, 3}}),
                "row 1", "length 2", "mask");
        assertMessage(IllegalArgumentException.class,
                () -> BertInput.of(new int[][]{{2, 3}}, new int[][]{{0, 0}}, new int[][]{{1}}), "attention mask row 0");
        assertMessage(IllegalArgumentException.class,
                () -> BertInput.of(new int[][]{{2, 3}}, new int[][]{{0, 0}}, new int[][]{{0, 0}}), "no real token");
        // padded() accepts ragged rows.
        BertInput p = BertInput.padded(new int[][]{{2, 3, 4}, {2, 3}});
        assertTrue(p.seqLen() == 3 && p.realLength(1) == 2);
    }

    @Test
    void nanWeightNamesTheTensor() {
        MapTensorSource s = RandomBertWeights.tensors(cfg, 3);
        Tensor t = s.get("bert.encoder.layer.1.intermediate.dense.weight");
        double[] v = t.toDoubles();
        v[17] = Double.NaN;
        s.put(Tensor.ofDoubles(t.name(), t.shape(), v));
        assertMessage(WeightsException.class, () -> BertModel.fromTensors(cfg, s, DataType.FLOAT),
                "bert.encoder.layer.1.intermediate.dense.weight", "NaN", "17");
        v[17] = Double.POSITIVE_INFINITY;
        s.put(Tensor.ofDoubles(t.name(), t.shape(), v));
        assertMessage(WeightsException.class, () -> BertModel.fromTensors(cfg, s, DataType.DOUBLE), "Infinity");
    }

    @Test
    void wrongShapeNamesTheTensor() {
        MapTensorSource s = RandomBertWeights.tensors(cfg, 3);
        s.put(Tensor.ofDoubles("bert.encoder.layer.0.attention.self.key.weight", new long[]{16, 8}, new double[128]));
        assertMessage(WeightsException.class, () -> BertModel.fromTensors(cfg, s, DataType.DOUBLE),
                "bert.encoder.layer.0.attention.self.key.weight", "[16, 8]", "[16, 16]");
    }

    @Test
    void missingTensorNamesIt() {
        MapTensorSource s = new MapTensorSource("test source");
        RandomBertWeights.tensors(cfg, 3).names().stream().filter(n -> !n.contains("layer.1.output.LayerNorm"))
                .forEach(n -> s.put(RandomBertWeights.tensors(cfg, 3).get(n)));
        assertMessage(WeightsException.class, () -> BertModel.fromTensors(cfg, s, DataType.DOUBLE),
                "bert.encoder.layer.1.output.LayerNorm", "test source");
    }

    @Test
    void traceRefusesWhatWasNotKept() {
        ForwardTrace tr = model.forward(BertInput.of(new int[][]{{2, 3, 4}}));
        assertMessage(IllegalStateException.class, () -> tr.attention(0), "attention of layer 0", "keepAttention()");
        assertMessage(IllegalStateException.class, () -> tr.hidden(1), "hidden state 1", "keepHiddenStates()");
        assertMessage(IllegalStateException.class, () -> tr.scores(1), "keepScores()");
        assertMessage(IllegalStateException.class, () -> tr.ffnActivations(0), "keepFfnActivations()");
        assertMessage(IllegalStateException.class, () -> tr.cache(0), "keepCaches()");
        assertTrue(tr.lastHidden().size(2) == 16);
        assertTrue(tr.hidden(2).equals(tr.lastHidden()));
        ForwardTrace kept = model.forward(BertInput.of(new int[][]{{2, 3, 4}}), TraceOptions.builder().keepCaches().build());
        assertTrue(kept.cache(1).attention().probs() != null && kept.cache(1).gelu().input() != null
                && kept.embeddingsCache().layerNorm().rstd() != null);
    }
}
