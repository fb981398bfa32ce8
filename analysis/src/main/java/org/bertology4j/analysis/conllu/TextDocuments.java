package org.bertology4j.analysis.conllu;


import org.bertology4j.tokenizer.Utf8Lines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads {@code CorpusFormat.TEXT}: one paragraph (or sentence) per line, words split on white space, a blank line
 * between documents. Each line is a sentence that starts a paragraph (what the two-paragraph inputs of
 * {@code surface} and {@code cluster} pair up); words carry no annotation ({@code _}, head 0).
 */
public final class TextDocuments implements Iterator<Document> {
    private final LineSource in;
    private final String source;
    private long lineNo;
    private int documentNo;
    private Document next;

    /**
     * @param in        the text (not closed here)
     * @param source    name for document ids and messages
     * @param firstLine line number of the first line of {@code in} (1 for a whole file)
     */
    public TextDocuments(BufferedReader in, String source, long firstLine) {
        this.in = in::readLine;
        this.source = source;
        this.lineNo = firstLine - 1;
    }

    /**
     * UTF-8 bytes, decoded strictly: a byte that is not UTF-8 is an error naming the line ({@link Utf8Lines}).
     *
     * @param in        the bytes (not closed here)
     * @param source    name for document ids and messages
     * @param firstLine line number of the first line of {@code in} (1 for a whole file)
     */
    public TextDocuments(InputStream in, String source, long firstLine) {
        this.in = new Utf8Lines(in, source, firstLine)::next;
        this.source = source;
        this.lineNo = firstLine - 1;
    }

    @Override
    public boolean hasNext() {
        if (next == null) next = read();
        return next != null;
    }

    @Override
    public Document next() {
        if (!hasNext()) throw new NoSuchElementException();
        Document d = next;
        next = null;
        return d;
    }

    private Document read() {
        List<Sentence> sentences = new ArrayList<>();
        String id = null;
        try {
            String line;
            while ((line = in.next()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    if (sentences.isEmpty()) continue;
                    break;
                }
                if (id == null) id = source + "#" + (++documentNo) + "@" + lineNo;
                String[] forms = line.strip().split("\\s+");
                List<Word> words = new ArrayList<>(forms.length);
                for (int i = 0; i < forms.length; i++) words.add(new Word(i + 1, forms[i], "_", "_", "_", "_", 0, "_", "_", "_"));
                boolean first = sentences.isEmpty();
                sentences.add(new Sentence(null, line.strip(), id, first, true, Map.of(), List.copyOf(words), List.of(), lineNo));
            }
        } catch (IOException e) {
            // a TextEncodingException's message already names the source and the line
            throw new UncheckedIOException(e instanceof org.bertology4j.tokenizer.TextEncodingException ? e.getMessage()
                    : "reading " + source + " at line " + lineNo + ": " + e.getMessage(), e);
        }
        return sentences.isEmpty() ? null : Document.of(sentences);
    }
}
