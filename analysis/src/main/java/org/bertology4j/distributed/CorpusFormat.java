package org.bertology4j.distributed;

/**
 * How a corpus file is laid out and where its documents start.
 *
 * <ul>
 *   <li>{@link #CONLLU}: CoNLL-U; a document starts at the block holding a {@code # newdoc} comment (the text before
 *       the first one is a document too). Needed by the analyses that use gold annotation (heads, coref).</li>
 *   <li>{@link #TEXT}: plain UTF-8 text laid out like BERT's pre-training data: one paragraph (or sentence) per line,
 *       words separated by white space, a blank line between documents. Enough for the analyses that only read text
 *       (surface, cluster).</li>
 * </ul>
 */
public enum CorpusFormat {
    CONLLU, TEXT
}
