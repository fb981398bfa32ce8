package org.bertology4j.analysis.conllu;

import java.util.List;
import java.util.Map;

/**
 * One CoNLL-U sentence.
 *
 * @param sentId        {@code # sent_id} value, or null
 * @param text          {@code # text} value, or null
 * @param documentId    id of the enclosing document ({@code # newdoc id}), or null before any newdoc
 * @param newDocument   true when this sentence starts a document ({@code # newdoc})
 * @param newParagraph  true when this sentence starts a paragraph ({@code # newpar}) or a document
 * @param comments      all {@code # key = value} comments before the sentence, in order (keys as written,
 *                      e.g. {@code meta::genre}); valueless comments map to ""
 * @param words         the syntactic words, ids 1..n
 * @param mentions      coreference mentions, ordered by start then by decreasing length
 * @param firstLine     1-based line number of the sentence's first line (comments included)
 */
public record Sentence(String sentId, String text, String documentId, boolean newDocument, boolean newParagraph,
                       Map<String, String> comments, List<Word> words, List<Mention> mentions, long firstLine) {

    /** Number of words. */
    public int size() { return words.size(); }

    /** The word forms in order. */
    public List<String> forms() { return words.stream().map(Word::form).toList(); }
}
