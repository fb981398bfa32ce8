package org.bertology4j.tokenizer;

import java.util.List;

/**
 * The model input for one sequence (or pair) and its alignment to the text.
 *
 * @param ids           vocabulary ids, starting with [CLS]
 * @param pieces        WordPiece strings ("##" marks continuations)
 * @param segmentIds    0 for the first segment, 1 for the second of a pair
 * @param attentionMask 1 for real tokens (all of them; padding happens when batching)
 * @param offsets       character offsets [start, end) of each piece in its source text; [0,0] for specials
 * @param wordIndex     index of the word each piece belongs to (words numbered across the whole input,
 *                      first segment then second); -1 for [CLS] and [SEP]
 * @param words         the words (after basic tokenization, or as given when pre-split)
 * @param truncated     true when pieces were dropped by a truncation strategy
 */
public record Encoding(int[] ids, String[] pieces, int[] segmentIds, int[] attentionMask, int[][] offsets,
                       int[] wordIndex, List<String> words, boolean truncated) {

    /** Number of pieces including specials. */
    public int length() { return ids.length; }
}
