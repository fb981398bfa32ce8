package org.bertology4j.core.train;

import org.bertology4j.core.model.BertInput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Seeded batching by length: shuffle, cut into pools of {@code poolBatches} batches, sort each pool by
 * length and cut it into batches (so a batch pads little), then shuffle the batch order. The plan of an
 * epoch depends only on (seed, epoch), which makes resumed training replay the same batches.
 */
public final class LengthBatcher {
    private final int batchSize;
    private final int poolBatches;

    public LengthBatcher(int batchSize, int poolBatches) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (poolBatches < 1) throw new IllegalArgumentException("pool size must be at least 1 batch, got " + poolBatches);
        this.batchSize = batchSize;
        this.poolBatches = poolBatches;
    }

    public int batchSize() { return batchSize; }

    /** Number of batches per epoch for {@code n} examples. */
    public int batchesPerEpoch(int n) { return (n + batchSize - 1) / batchSize; }

    /** Batches of example indices for one epoch. */
    public List<int[]> plan(List<TrainingExample> examples, long seed, int epoch) {
        Random r = new Random(seed * 1_000_003L + epoch);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) order.add(i);
        Collections.shuffle(order, r);
        List<int[]> batches = new ArrayList<>();
        int pool = batchSize * poolBatches;
        for (int start = 0; start < order.size(); start += pool) {
            List<Integer> chunk = new ArrayList<>(order.subList(start, Math.min(order.size(), start + pool)));
            chunk.sort(Comparator.comparingInt(i -> examples.get(i).length())); // stable: ties keep shuffled order
            for (int s = 0; s < chunk.size(); s += batchSize) {
                batches.add(chunk.subList(s, Math.min(chunk.size(), s + batchSize)).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, r);
        return batches;
    }

    /** Right-padded model input of the examples at {@code indices}. */
    public static BertInput input(List<TrainingExample> examples, int[] indices) {
        int t = 0;
        for (int i : indices) t = Math.max(t, examples.get(i).length());
        int[][] ids = new int[indices.length][t], seg = new int[indices.length][t], mask = new int[indices.length][t];
        for (int b = 0; b < indices.length; b++) {
            TrainingExample e = examples.get(indices[b]);
            System.arraycopy(e.ids(), 0, ids[b], 0, e.length());
            System.arraycopy(e.segmentIds(), 0, seg[b], 0, e.length());
            for (int j = 0; j < e.length(); j++) mask[b][j] = 1;
        }
        return BertInput.of(ids, seg, mask);
    }
}
