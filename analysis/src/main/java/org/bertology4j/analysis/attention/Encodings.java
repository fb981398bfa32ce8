package org.bertology4j.analysis.attention;

import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.List;

/** Helpers to build model inputs from single-sequence encodings. */
public final class Encodings {
    private Encodings() {}

    /**
     * Joins two {@code [CLS] a [SEP]} and {@code [CLS] b [SEP]} encodings into the pair
     * {@code [CLS] a [SEP] b [SEP]} (segment 1 for b and its [SEP]); b's word indices are shifted by a's word count.
     */
    public static Encoding pair(Encoding a, Encoding b) {
        int la = a.length(), lb = b.length();
        if (la < 2 || lb < 2) throw new IllegalArgumentException("encodings must contain [CLS] and [SEP]");
        int t = la + lb - 1;
        int[] ids = new int[t], seg = new int[t], mask = new int[t], wi = new int[t];
        String[] pieces = new String[t];
        int[][] off = new int[t][];
        for (int p = 0; p < la; p++) {
            ids[p] = a.ids()[p]; pieces[p] = a.pieces()[p]; mask[p] = 1; wi[p] = a.wordIndex()[p]; off[p] = a.offsets()[p];
        }
        int shift = a.words().size();
        for (int p = 1; p < lb; p++) {
            int q = la + p - 1;
            ids[q] = b.ids()[p]; pieces[q] = b.pieces()[p]; mask[q] = 1; seg[q] = 1; off[q] = b.offsets()[p];
            wi[q] = b.wordIndex()[p] < 0 ? -1 : b.wordIndex()[p] + shift;
        }
        List<String> words = new ArrayList<>(a.words());
        words.addAll(b.words());
        return new Encoding(ids, pieces, seg, mask, off, wi, words, a.truncated() || b.truncated());
    }

    /** Indices of the pieces whose string equals {@code piece} (e.g. "[SEP]", "."). */
    public static int[] positionsOf(Encoding e, String piece) {
        return java.util.stream.IntStream.range(0, e.length()).filter(i -> e.pieces()[i].equals(piece)).toArray();
    }
}
