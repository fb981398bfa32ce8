package org.bertology4j.core.train;

/**
 * One tokenized example: ids with segment ids (already {@code [CLS] ... [SEP]}), and a class label
 * or a regression target.
 */
public record TrainingExample(int[] ids, int[] segmentIds, int label, double target) {
    public TrainingExample {
        if (ids == null || ids.length == 0) throw new IllegalArgumentException("an example needs token ids");
        if (segmentIds == null || segmentIds.length != ids.length) {
            throw new IllegalArgumentException("segment ids must match the " + ids.length + " token ids");
        }
    }

    /** A classification example. */
    public static TrainingExample classification(int[] ids, int[] segmentIds, int label) {
        return new TrainingExample(ids, segmentIds, label, Double.NaN);
    }

    public int length() { return ids.length; }
}
