package org.bertology4j.core.train;

/**
 * One tokenized example: ids with segment ids (already {@code [CLS] ... [SEP]}), and its target: a class label or a
 * regression target (sequence classification), or an answer span (question answering).
 *
 * @param spanStart first piece of the answer span ({@code [CLS]}'s 0 for "no answer"), −1 when the example has none
 * @param spanEnd   last piece of the answer span (inclusive), −1 when the example has none
 */
public record TrainingExample(int[] ids, int[] segmentIds, int label, double target, int spanStart, int spanEnd) {
    public TrainingExample {
        if (ids == null || ids.length == 0) throw new IllegalArgumentException("an example needs token ids");
        if (segmentIds == null || segmentIds.length != ids.length) {
            throw new IllegalArgumentException("segment ids must match the " + ids.length + " token ids");
        }
        if ((spanStart < 0) != (spanEnd < 0) || spanEnd >= ids.length || (spanStart >= 0 && spanEnd < spanStart)) {
            throw new IllegalArgumentException("answer span [" + spanStart + ", " + spanEnd + "] is not inside the "
                    + ids.length + " pieces or ends before it starts");
        }
    }

    /** A classification or regression example (no span). */
    public TrainingExample(int[] ids, int[] segmentIds, int label, double target) {
        this(ids, segmentIds, label, target, -1, -1);
    }

    /** A classification example. */
    public static TrainingExample classification(int[] ids, int[] segmentIds, int label) {
        return new TrainingExample(ids, segmentIds, label, Double.NaN);
    }

    /** A span example: the answer runs from piece {@code start} to piece {@code end} inclusive (0, 0: no answer). */
    public static TrainingExample span(int[] ids, int[] segmentIds, int start, int end) {
        return new TrainingExample(ids, segmentIds, -1, Double.NaN, start, end);
    }

    /** Whether the example carries an answer span. */
    public boolean hasSpan() { return spanStart >= 0; }

    public int length() { return ids.length; }
}
