package org.bertology4j.analysis.conllu;

import org.bertology4j.tokenizer.Utf8Lines;

import java.io.IOException;
import java.nio.file.Path;

/** Cheap counts of a CoNLL-U file for progress bars (no parsing: a sentence is a block of lines). */
public final class ConlluCounts {
    private ConlluCounts() {}

    /** Sentence and document ({@code # newdoc}) counts. */
    public record Counts(long sentences, long documents) {}

    /**
     * Counts the sentences (non-empty line blocks containing a word line) and {@code # newdoc} comments.
     *
     * @throws org.bertology4j.tokenizer.TextEncodingException naming the file and line of a byte that is not UTF-8
     */
    public static Counts of(Path file) throws IOException {
        long sentences = 0, documents = 0;
        boolean inSentence = false;
        try (Utf8Lines r = Utf8Lines.open(file)) {
            for (String line; (line = r.next()) != null; ) {
                if (line.isBlank()) {
                    if (inSentence) sentences++;
                    inSentence = false;
                } else if (line.startsWith("#")) {
                    if (line.startsWith("# newdoc")) documents++;
                } else {
                    inSentence = true;
                }
            }
        }
        if (inSentence) sentences++;
        return new Counts(sentences, documents);
    }
}
