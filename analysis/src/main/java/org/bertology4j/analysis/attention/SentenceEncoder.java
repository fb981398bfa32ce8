package org.bertology4j.analysis.attention;

import org.bertology4j.tokenizer.Encoding;

import java.util.List;

/**
 * Encodes pre-split words as {@code [CLS] pieces [SEP]} with a word index per piece
 * (e.g. {@code BertTokenizer::encodeWords}).
 */
@FunctionalInterface
public interface SentenceEncoder {
    /** Encoding of the words, each tokenized on its own; must not truncate. */
    Encoding encode(List<String> words);
}
