package org.bertology4j.distributed;

import java.io.Serializable;

/**
 * A contiguous run of whole documents, the unit of work of one partition.
 *
 * @param index       position in the plan (results are merged in this order)
 * @param start       byte offset of the first document
 * @param end         byte offset just past the last document
 * @param firstLine   1-based line number of {@code start} (for error messages)
 * @param documents   documents in the slice
 * @param sentences   sentences in the slice (before {@code sentenceCap})
 * @param sentenceCap process only the first this many sentences ({@code -1}: all); set on the last slice of a run
 *                    limited to a number of sentences
 * @param firstSentence 0-based index in the corpus of the slice's first sentence (for analyses that sample every
 *                    K-th sentence of the corpus)
 */
public record Slice(int index, long start, long end, long firstLine, int documents, long sentences, long sentenceCap,
                    long firstSentence) implements Serializable {

    /** The whole of a document stream, as one slice: no cap, first sentence 0 (single-process runs and tests). */
    public static Slice whole() { return new Slice(0, 0, Long.MAX_VALUE, 1, Integer.MAX_VALUE, Long.MAX_VALUE, -1, 0); }

    /** Sentences this slice will actually process. */
    public long sentencesToRun() { return sentenceCap < 0 ? sentences : Math.min(sentences, sentenceCap); }
}
