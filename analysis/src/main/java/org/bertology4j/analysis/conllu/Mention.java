package org.bertology4j.analysis.conllu;

/**
 * A coreference mention (CorefUD {@code Entity=} brackets), within one sentence.
 *
 * @param start      0-based index of the first word in the sentence's word list
 * @param end        0-based index of the last word (inclusive)
 * @param entityId   entity id; mentions with the same id in one document corefer
 * @param entityType entity type (second field of the bracket, e.g. "person"), or null when absent
 * @param attributes the whole bracket body as written (e.g. "3-abstract-new-sssss-cf1-5-coref")
 */
public record Mention(int start, int end, String entityId, String entityType, String attributes) {

    /** Number of words covered. */
    public int length() { return end - start + 1; }

    /**
     * The mention's head word: the word of the span whose syntactic head lies outside the span
     * (the leftmost such word if several do, e.g. for fragments).
     *
     * @return 0-based word index in {@code sentence}
     */
    public int headWord(Sentence sentence) {
        for (int i = start; i <= end; i++) {
            int h = sentence.words().get(i).head() - 1; // 0-based, -1 for root
            if (h < start || h > end) return i;
        }
        // Impossible in a tree (the span's top word always has an outside head); keep total anyway.
        return start;
    }
}
