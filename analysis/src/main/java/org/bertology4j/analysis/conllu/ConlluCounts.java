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

    /**
     * Counts the sentences (non-empty line blocks containing a word line) and {@code # newdoc} comments.
     *
     * @throws ConlluFormatException when the file is not UTF-8 (naming the line) or holds no sentence (empty or
     *                               comment-only): an analysis of it would silently report nothing
     */
    public static Counts of(Path file) throws IOException {
        long sentences = 0, documents = 0, lineNo = 0;
        boolean inSentence = false;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = readLine(r, file, lineNo + 1)) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);   // UTF-8 byte-order mark
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
        if (sentences == 0) throw empty(file, lineNo);
        return new Counts(sentences, documents);
    }

    private static String readLine(BufferedReader r, Path file, long lineNo) throws IOException {
        try {
            return r.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            // the reader decodes ahead of the lines it returns: find the line itself
            throw new ConlluFormatException(file.getFileName().toString(), firstLineNotUtf8(file), "not valid UTF-8 text ("
                    + e + "); CoNLL-U files are UTF-8: convert it, e.g. iconv -f LATIN1 -t UTF-8");
        }
    }

    /** The 1-based number of the first line of {@code file} that is not valid UTF-8 (0 when all are). */
    static long firstLineNotUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        long line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(java.nio.ByteBuffer.wrap(bytes, start, i - start));
                } catch (java.nio.charset.CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 0;
    }

    /** The error for a file without sentences. */
    static ConlluFormatException empty(Path file, long lines) {
        return new ConlluFormatException(file.getFileName().toString(), Math.max(1, lines), lines == 0
                ? "the file is empty: no sentences to analyse" : "no sentences in " + lines + " lines (only comments or blank lines)");
    }
}
