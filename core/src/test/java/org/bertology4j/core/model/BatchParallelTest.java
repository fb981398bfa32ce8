package org.bertology4j.core.model;

import org.bertology4j.core.TinyModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch split over threads gives the trace of the unsplit batch: every kept array, with interventions. */
class BatchParallelTest {
    final BertModel model = BertModel.random(TinyModels.tiny(), 3, DataType.DOUBLE);

    /** Five sequences (padded, second segments) so three workers get uneven parts (1, 2, 2). */
    static BertInput batch() {
        int[][] ids = {{2, 7, 13, 21, 3, 44, 5, 17, 3}, {2, 30, 31, 32, 3, 0, 0, 0, 0}, {2, 49, 1, 8, 9, 10, 3, 0, 0},
                {2, 11, 12, 3, 0, 0, 0, 0, 0}, {2, 5, 6, 7, 8, 9, 10, 11, 3}};
        int[][] seg = {{0, 0, 0, 0, 0, 1, 1, 1, 1}, new int[9], new int[9], new int[9], {0, 0, 0, 0, 1, 1, 1, 1, 1}};
        int[][] mask = new int[5][9];
        for (int b = 0; b < 5; b++) for (int t = 0; t < 9; t++) mask[b][t] = ids[b][t] == 0 ? 0 : 1;
        return BertInput.of(ids, seg, mask);
    }

    ForwardTrace run(int workers, TraceOptions options) {
        return model.withExecution(Execution.processDefault().withBatchWorkers(workers)).forward(batch(), options);
    }

    @Test
    void splitTraceEqualsUnsplitTrace() {
        Nd4j.getRandom().setSeed(5);
        INDArray perItem = Nd4j.rand(DataType.DOUBLE, 5, 9, 9);
        TraceOptions options = TraceOptions.builder().keepHiddenStates().keepAttention().keepScores()
                .keepFfnActivations().disableHead(0, 1).maskHead(1, 2).replaceAttention(1, 0, perItem).build();
        ForwardTrace whole = run(1, options), split = run(3, options);
        assertEquals(3, model.withExecution(Execution.processDefault().withBatchWorkers(3)).forwardParts(5, options),
                "five sequences on three workers are three parts");
        int layers = model.config().numHiddenLayers();
        for (int n = 0; n <= layers; n++) same("hidden " + n, whole.hidden(n), split.hidden(n));
        for (int l = 0; l < layers; l++) {
            same("attention " + l, whole.attention(l), split.attention(l));
            same("scores " + l, whole.scores(l), split.scores(l));
            same("ffn " + l, whole.ffnActivations(l), split.ffnActivations(l));
        }
        same("last hidden", whole.lastHidden(), split.lastHidden());
        // the intervened heads really are what was asked (so the comparison covers the intervention paths)
        assertEquals(0.0, split.attention(1).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2)).amaxNumber().doubleValue(), 0.0);
        same("replaced map, sequence 4", perItem.get(org.nd4j.linalg.indexing.NDArrayIndex.point(4)),
                split.attention(1, 4).get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)));
    }

    @Test
    void batchIsKeptWholeForBackwardCachesAndBigLayers() {
        var tiny = model.config();
        assertEquals(1, BatchParallel.partsFor(8, TraceOptions.builder().keepCaches().build(), tiny, 4));
        assertEquals(4, BatchParallel.partsFor(8, TraceOptions.none(), tiny, 4));
        assertEquals(2, BatchParallel.partsFor(2, TraceOptions.none(), tiny, 4), "no more parts than sequences");
        var huge = new org.bertology4j.weights.BertConfig(30522, 4096, 2, 64, 16384, "gelu", 512, 2, 1e-12, 0);
        assertEquals(1, BatchParallel.partsFor(8, TraceOptions.none(), huge, 4), "layers too big for the cache: one part");
        // BERT-base's 28 MB layers: split with oneMKL when they fit in twice the last-level cache, with OpenBLAS in half
        var base = new org.bertology4j.weights.BertConfig(30522, 768, 12, 12, 3072, "gelu", 512, 2, 1e-12, 0);
        boolean fitsTwice = BatchParallel.layerWeightBytes(base) <= 2 * BatchParallel.LAST_LEVEL_CACHE_BYTES;
        assertEquals(fitsTwice ? 2 : 1, BatchParallel.partsFor(8, TraceOptions.none(), base, 2, true));
        assertEquals(2 * BatchParallel.layerWeightBytes(base) <= BatchParallel.LAST_LEVEL_CACHE_BYTES ? 2 : 1,
                BatchParallel.partsFor(8, TraceOptions.none(), base, 2, false));
        assertEquals(1, BatchParallel.partsFor(8, TraceOptions.none(), huge, 4, true), "too big even for oneMKL's rule");
    }

    static void same(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff < 1e-12, what + " differs by " + diff);
    }
}
