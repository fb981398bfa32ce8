package org.bertology4j.core.model;

import org.bertology4j.core.layers.SelfAttention;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.weights.BertConfig;

/**
 * A batch of B sequences padded to one length T: token ids, segment ids and attention mask
 * (1 = real token, 0 = padding), each [B][T]. Arrays are copied on construction.
 */
public final class BertInput {
    /** Id used for padding positions ([PAD] in BERT vocabularies). */
    public static final int PAD_ID = 0;

    private final int[][] ids;
    private final int[][] segmentIds;
    private final int[][] attentionMask;

    private BertInput(int[][] ids, int[][] segmentIds, int[][] attentionMask) {
        this.ids = ids;
        this.segmentIds = segmentIds;
        this.attentionMask = attentionMask;
    }

    /**
     * A batch from explicit arrays, all [B][T] with equal row lengths.
     *
     * @throws IllegalArgumentException naming the row when shapes disagree or mask values are not 0/1
     */
    public static BertInput of(int[][] ids, int[][] segmentIds, int[][] attentionMask) {
        if (ids == null || ids.length == 0) throw new IllegalArgumentException("input batch is empty");
        int t = ids[0].length;
        if (t == 0) throw new IllegalArgumentException("input row 0 is empty");
        checkShape("ids", ids, ids.length, t);
        checkShape("segment ids", segmentIds, ids.length, t);
        checkShape("attention mask", attentionMask, ids.length, t);
        for (int b = 0; b < attentionMask.length; b++) {
            int real = 0;
            for (int i = 0; i < t; i++) {
                int m = attentionMask[b][i];
                if (m != 0 && m != 1) {
                    throw new IllegalArgumentException("attention mask row " + b + " position " + i + " is " + m + " (must be 0 or 1)");
                }
                real += m;
            }
            if (real == 0) throw new IllegalArgumentException("attention mask row " + b + " has no real token");
        }
        return new BertInput(deepCopy(ids), deepCopy(segmentIds), deepCopy(attentionMask));
    }

    /**
     * Single-segment sequences of equal length, no padding.
     *
     * @throws IllegalArgumentException when row lengths differ (use {@link #padded(int[][])} or give a mask)
     */
    public static BertInput of(int[][] ids) {
        if (ids == null || ids.length == 0) throw new IllegalArgumentException("input batch is empty");
        for (int b = 1; b < ids.length; b++) {
            if (ids[b].length != ids[0].length) {
                throw new IllegalArgumentException("input row " + b + " has length " + ids[b].length + " but row 0 has "
                        + ids[0].length + "; without an attention mask all rows must have one length "
                        + "(use BertInput.padded or give a mask)");
            }
        }
        return of(ids, new int[ids.length][ids[0].length], ones(ids.length, ids[0].length));
    }

    /** Single-segment sequences of any lengths, right-padded with {@link #PAD_ID} to the longest. */
    public static BertInput padded(int[][] ids) {
        if (ids == null || ids.length == 0) throw new IllegalArgumentException("input batch is empty");
        int t = 0;
        for (int[] r : ids) t = Math.max(t, r.length);
        int[][] id = new int[ids.length][t], seg = new int[ids.length][t], mask = new int[ids.length][t];
        for (int b = 0; b < ids.length; b++) {
            System.arraycopy(ids[b], 0, id[b], 0, ids[b].length);
            for (int i = 0; i < ids[b].length; i++) mask[b][i] = 1;
        }
        return of(id, seg, mask);
    }

    /** Tokenizer encodings, right-padded to the longest with {@link #PAD_ID}, segment 0 and mask 0. */
    public static BertInput of(Encoding... encodings) {
        if (encodings == null || encodings.length == 0) throw new IllegalArgumentException("input batch is empty");
        int t = 0;
        for (Encoding e : encodings) t = Math.max(t, e.length());
        int n = encodings.length;
        int[][] id = new int[n][t], seg = new int[n][t], mask = new int[n][t];
        for (int b = 0; b < n; b++) {
            Encoding e = encodings[b];
            System.arraycopy(e.ids(), 0, id[b], 0, e.length());
            System.arraycopy(e.segmentIds(), 0, seg[b], 0, e.length());
            System.arraycopy(e.attentionMask(), 0, mask[b], 0, e.length());
        }
        return of(id, seg, mask);
    }

    /** Number of sequences B. */
    public int batchSize() { return ids.length; }
    /** Padded length T. */
    public int seqLen() { return ids[0].length; }
    /** Copy of ids [B][T]. */
    public int[][] ids() { return deepCopy(ids); }
    /** Copy of segment ids [B][T]. */
    public int[][] segmentIds() { return deepCopy(segmentIds); }
    /** Copy of the attention mask [B][T]. */
    public int[][] attentionMask() { return deepCopy(attentionMask); }
    /** Number of real (mask 1) tokens of sequence b. */
    public int realLength(int b) {
        int n = 0;
        for (int m : attentionMask[b]) n += m;
        return n;
    }

    /** Sequences {@code from} to {@code to - 1} as a batch of their own (same padded length). */
    public BertInput rows(int from, int to) {
        if (from < 0 || to > ids.length || from >= to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") not in a batch of " + ids.length);
        }
        return new BertInput(java.util.Arrays.copyOfRange(ids, from, to), java.util.Arrays.copyOfRange(segmentIds, from, to),
                java.util.Arrays.copyOfRange(attentionMask, from, to));
    }

    /** 1 for real tokens, 0 for padding, [B, T] in a data type: the one place the engine's masks are built. */
    public INDArray realMask(DataType dataType) {
        int b = batchSize(), t = seqLen();
        double[] real = new double[b * t];
        for (int i = 0; i < b; i++) for (int j = 0; j < t; j++) real[i * t + j] = attentionMask[i][j];
        return Nd4j.create(real, new long[]{b, t}, 'c').castTo(dataType);
    }

    /** Whether any position is padding (mask 0). */
    public boolean padded() {
        for (int[] row : attentionMask) for (int m : row) if (m == 0) return true;
        return false;
    }

    /**
     * The additive attention mask of a real mask from {@link #realMask}: 0 for real keys,
     * {@link SelfAttention#MASK_VALUE} for padding; null when nothing is padding (the engine then skips adding zeros).
     */
    public INDArray additiveMask(INDArray realMask) {
        return padded() ? realMask.rsub(1.0).muli(SelfAttention.MASK_VALUE) : null;
    }

    int id(int b, int t) { return ids[b][t]; }
    int segment(int b, int t) { return segmentIds[b][t]; }
    int mask(int b, int t) { return attentionMask[b][t]; }

    /**
     * Checks the batch against a model config.
     *
     * @throws IllegalArgumentException naming the offending value, its position and the limit
     */
    public void validate(BertConfig config) {
        int t = seqLen();
        if (t > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("sequence length " + t + " exceeds max_position_embeddings "
                    + config.maxPositionEmbeddings());
        }
        for (int b = 0; b < ids.length; b++) {
            for (int i = 0; i < t; i++) {
                int id = ids[b][i];
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " at batch " + b + " position " + i
                            + " is outside the vocabulary (size " + config.vocabSize() + ")");
                }
                int s = segmentIds[b][i];
                if (s < 0 || s >= config.typeVocabSize()) {
                    throw new IllegalArgumentException("segment id " + s + " at batch " + b + " position " + i
                            + " is outside [0, type_vocab_size=" + config.typeVocabSize() + ")");
                }
            }
        }
    }

    private static void checkShape(String what, int[][] a, int rows, int t) {
        if (a == null) throw new IllegalArgumentException(what + " are missing");
        if (a.length != rows) throw new IllegalArgumentException(what + " have " + a.length + " rows, ids have " + rows);
        for (int b = 0; b < a.length; b++) {
            if (a[b].length != t) {
                throw new IllegalArgumentException(what + " row " + b + " has length " + a[b].length
                        + " but row 0 of the ids has " + t + " (pad all rows to one length)");
            }
        }
    }

    private static int[][] ones(int b, int t) {
        int[][] m = new int[b][t];
        for (int[] r : m) java.util.Arrays.fill(r, 1);
        return m;
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
