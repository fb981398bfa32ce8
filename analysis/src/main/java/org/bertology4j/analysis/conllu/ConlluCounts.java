package org.bertology4j.analysis.conllu;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cheap counts of a CoNLL-U file for progress bars (no parsing: a sentence is a block of lines). */
public final class ConlluCounts {
    private ConlluCounts() {}

    /** Sentence and document ({@code # newdoc}) counts. */
    public record Counts(long sentences, long documents) {}

    /** Counts the sentences (non-empty line blocks containing a word line) and {@code # newdoc} comments. */
    public static Counts of(Path file) throws IOException {
        long sentences = 0, documents = 0;
        boolean inSentence = false;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
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
