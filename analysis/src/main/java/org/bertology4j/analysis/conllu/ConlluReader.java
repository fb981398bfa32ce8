package org.bertology4j.analysis.conllu;

import org.bertology4j.tokenizer.TextEncodingException;
import org.bertology4j.tokenizer.Utf8Lines;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streaming CoNLL-U reader: one sentence at a time, or one document at a time.
 *
 * <p>The basic rules of the UD validator are checked: files are UTF-8 (a leading byte order mark is accepted); a
 * sentence's lines have 10 tab-separated columns; multiword-token lines ({@code 1-2}) and empty nodes ({@code 1.1})
 * are skipped; words are numbered 1..n; HEAD is an integer in [0, n]; the words form one tree: exactly one word has
 * HEAD 0, no word is its own head and no chain of heads is a cycle. Coreference mentions ({@code Entity=} in MISC)
 * must close within their sentence: GUM has no cross-sentence mention, so one is reported as malformed rather than
 * guessed. An input without any sentence (empty, or only comments) is an error.
 *
 * <p>Strict mode throws {@link ConlluFormatException} (file and line) on the first malformed sentence;
 * lenient mode skips malformed sentences, counts them and keeps their messages. Bytes that are not UTF-8 are an
 * error in both modes (the file's encoding is wrong, not one sentence).
 */
public final class ConlluReader implements Closeable, Iterable<Sentence> {
    private final LineSource in;
    private final Closeable closer;
    private final String source;
    private final boolean lenient;
    private long lineNo;
    private final long firstLine;
    private int skipped;
    private long sentences;
    private final List<String> problems = new ArrayList<>();
    private Sentence lookahead;
    private boolean eof;
    // Comment state carried across a skipped (malformed) sentence, so document/paragraph starts are not lost.
    private String documentId;
    private boolean pendingNewDoc;
    private boolean pendingNewPar;
    private Map<String, String> pendingComments = new LinkedHashMap<>();

    /**
     * @param reader  input (closed by {@link #close()})
     * @param source  name used in error messages
     * @param lenient skip malformed sentences instead of throwing
     */
    public ConlluReader(Reader reader, String source, boolean lenient) {
        BufferedReader b = reader instanceof BufferedReader br ? br : new BufferedReader(reader, 1 << 16);
        this.in = b::readLine;
        this.closer = b;
        this.source = source;
        this.lenient = lenient;
        this.firstLine = 1;
    }

    /**
     * Reads UTF-8 bytes strictly ({@link Utf8Lines}): a byte that is not UTF-8 is a {@link ConlluFormatException}
     * naming the line.
     *
     * @param bytes     input (closed by {@link #close()})
     * @param source    name used in error messages
     * @param firstLine line number of the first line of {@code bytes} (1 for a whole file; a slice's first line)
     * @param lenient   skip malformed sentences instead of throwing
     */
    public ConlluReader(InputStream bytes, String source, long firstLine, boolean lenient) {
        Utf8Lines lines = new Utf8Lines(bytes, source, firstLine);
        this.in = lines::next;
        this.closer = lines;
        this.source = source;
        this.lenient = lenient;
        this.lineNo = firstLine - 1;
        this.firstLine = firstLine;
    }

    /** Opens a UTF-8 file (messages name it by its file name). */
    public static ConlluReader open(Path file, boolean lenient) throws IOException {
        return new ConlluReader(Files.newInputStream(file), file.getFileName().toString(), 1, lenient);
    }

    /** Reads a whole file strictly into documents (convenience for small files and tests). */
    public static List<Document> readDocuments(Path file) throws IOException {
        try (ConlluReader r = open(file, false)) {
            List<Document> out = new ArrayList<>();
            r.documents().forEachRemaining(out::add);
            return out;
        }
    }

    /** Number of malformed sentences skipped so far (lenient mode). */
    public int skippedSentences() { return skipped; }

    /** Messages of the skipped sentences (lenient mode), with file and line. */
    public List<String> problems() { return Collections.unmodifiableList(problems); }

    /** The next sentence, or null at end of input. */
    public Sentence next() {
        if (lookahead != null) {
            Sentence s = lookahead;
            lookahead = null;
            return s;
        }
        while (true) {
            List<String> block = new ArrayList<>();
            long first = readBlock(block);
            if (block.isEmpty()) {
                if (sentences == 0 && skipped == 0) {
                    throw error(Math.max(firstLine, lineNo), "no sentences: the input is "
                            + (lineNo < firstLine ? "empty" : "only comments and blank lines"));
                }
                return null;
            }
            try {
                Sentence s = parse(block, first);
                if (s != null) {
                    sentences++;
                    return s;
                }
            } catch (ConlluFormatException e) {
                if (!lenient) throw e;
                skipped++;
                problems.add(e.getMessage());
            }
        }
    }

    /** Iterates the remaining sentences. */
    @Override
    public Iterator<Sentence> iterator() {
        return new Iterator<>() {
            public boolean hasNext() {
                if (lookahead == null) lookahead = ConlluReader.this.next();
                return lookahead != null;
            }
            public Sentence next() {
                if (!hasNext()) throw new NoSuchElementException();
                Sentence s = lookahead;
                lookahead = null;
                return s;
            }
        };
    }

    /** Iterates the remaining documents; only one document is held in memory at a time. */
    public Iterator<Document> documents() {
        return new Iterator<>() {
            public boolean hasNext() {
                if (lookahead == null) lookahead = ConlluReader.this.next();
                return lookahead != null;
            }
            public Document next() {
                if (!hasNext()) throw new NoSuchElementException();
                List<Sentence> sents = new ArrayList<>();
                sents.add(lookahead);
                lookahead = null;
                Sentence s;
                while ((s = ConlluReader.this.next()) != null) {
                    if (s.newDocument()) { lookahead = s; break; }
                    sents.add(s);
                }
                return Document.of(sents);
            }
        };
    }

    // Reads lines up to a blank line (or EOF); returns the line number of the first line.
    private long readBlock(List<String> block) {
        if (eof) return lineNo + 1;
        try {
            long first = -1;
            String line;
            while ((line = in.next()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1); // byte order mark
                if (line.isBlank()) {
                    if (block.isEmpty()) continue;
                    return first;
                }
                if (first < 0) first = lineNo;
                block.add(line);
            }
            eof = true;
            return first;
        } catch (TextEncodingException e) {
            eof = true;
            throw error(e.line(), e.detail());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " at line " + lineNo, e);
        }
    }

    private Sentence parse(List<String> block, long first) {
        // Comments first: they always take effect, even when the words below turn out malformed.
        int k = 0;
        for (; k < block.size() && block.get(k).startsWith("#"); k++) comment(block.get(k));
        if (k == block.size()) return null; // comment-only block (e.g. trailing comments): state kept
        try {
            Sentence s = parseWords(block, first, k);
            pendingComments = new LinkedHashMap<>();
            pendingNewDoc = false;
            pendingNewPar = false;
            return s;
        } catch (ConlluFormatException e) {
            // Document- and paragraph-level comments carry over to the next sentence; sentence-level ones do not.
            pendingComments.keySet().removeIf(key -> !(key.startsWith("newdoc") || key.startsWith("newpar")
                    || key.startsWith("meta::") || key.startsWith("global.")));
            throw e;
        }
    }

    private Sentence parseWords(List<String> block, long first, int k) {
        Map<String, String> comments = new LinkedHashMap<>(pendingComments);
        boolean newDoc = pendingNewDoc, newPar = pendingNewPar || pendingNewDoc;
        List<Word> words = new ArrayList<>();
        List<long[]> wordLines = new ArrayList<>();
        for (int i = k; i < block.size(); i++) {
            long ln = first + i;
            String line = block.get(i);
            if (line.startsWith("#")) throw error(ln, "comment line inside the word lines of a sentence");
            String[] c = line.split("\t", -1);
            if (c.length != 10) throw error(ln, "expected 10 tab-separated columns, found " + c.length);
            String id = c[0];
            if (id.matches("\\d+-\\d+") || id.matches("\\d+\\.\\d+")) continue; // multiword token / empty node
            if (!id.matches("\\d{1,9}")) throw error(ln, "bad word ID '" + id + "'");
            int wid = Integer.parseInt(id);
            if (wid != words.size() + 1) throw error(ln, "word ID " + wid + " out of sequence (expected " + (words.size() + 1) + ")");
            int head;
            try {
                head = Integer.parseInt(c[6]);
            } catch (NumberFormatException e) {
                throw error(ln, "non-numeric HEAD '" + c[6] + "' for word " + wid);
            }
            words.add(new Word(wid, c[1], c[2], c[3], c[4], c[5], head, c[7], c[8], c[9]));
            wordLines.add(new long[]{ln});
        }
        if (words.isEmpty()) throw error(first, "sentence without words");
        for (int i = 0; i < words.size(); i++) {
            int h = words.get(i).head();
            if (h < 0 || h > words.size()) {
                throw error(wordLines.get(i)[0], "HEAD " + h + " of word " + (i + 1) + " out of range [0, " + words.size() + "]");
            }
            if (h == i + 1) throw error(wordLines.get(i)[0], "word " + h + " is its own HEAD (self-loop)");
        }
        checkTree(words, wordLines);
        List<Mention> mentions = mentions(words, wordLines);
        return new Sentence(comments.get("sent_id"), comments.get("text"), documentId, newDoc, newPar,
                Collections.unmodifiableMap(comments), List.copyOf(words), mentions, first);
    }

    // Every chain of heads must reach the root (no cycle), and exactly one word is attached to it.
    private void checkTree(List<Word> words, List<long[]> lines) {
        int n = words.size();
        byte[] state = new byte[n + 1]; // 0 unvisited, 1 on the current chain, 2 reaches the root
        state[0] = 2;
        for (int start = 1; start <= n; start++) {
            int w = start;
            while (state[w] == 0) {
                state[w] = 1;
                w = words.get(w - 1).head();
            }
            if (state[w] == 1) {
                StringBuilder cycle = new StringBuilder().append(w);
                for (int v = words.get(w - 1).head(); v != w; v = words.get(v - 1).head()) cycle.append(" -> ").append(v);
                throw error(lines.get(w - 1)[0], "HEADs form a cycle: " + cycle + " -> " + w + " (the words must form a tree)");
            }
            for (w = start; state[w] == 1; w = words.get(w - 1).head()) state[w] = 2;
        }
        int root = -1;
        for (int i = 0; i < n; i++) {
            if (words.get(i).head() != 0) continue;
            if (root >= 0) {
                throw error(lines.get(i)[0], "multiple roots: words " + (root + 1) + " and " + (i + 1) + " both have HEAD 0");
            }
            root = i;
        }
    }

    private void comment(String line) {
        String body = line.substring(1).strip();
        int eq = body.indexOf('=');
        String key = (eq < 0 ? body : body.substring(0, eq)).strip();
        String value = eq < 0 ? "" : body.substring(eq + 1).strip();
        if (key.startsWith("newdoc")) {
            pendingNewDoc = true;
            pendingComments = new LinkedHashMap<>(); // comments of a skipped sentence in the old document do not carry
            documentId = key.equals("newdoc id") ? value : null;
            if (key.equals("newdoc") && eq > 0) documentId = value;
        } else if (key.startsWith("newpar")) {
            if (key.equals("newpar") || key.equals("newpar id")) pendingNewPar = true;
        }
        pendingComments.put(key, value);
    }

    private List<Mention> mentions(List<Word> words, List<long[]> lines) {
        List<Mention> out = new ArrayList<>();
        Map<String, Deque<Object[]>> open = new HashMap<>(); // id -> stack of {startIndex, type, body, line}
        for (int i = 0; i < words.size(); i++) {
            String value = words.get(i).miscValue("Entity");
            if (value == null) continue;
            long ln = lines.get(i)[0];
            List<EntityBrackets.Event> events;
            try {
                events = EntityBrackets.parse(value);
            } catch (IllegalArgumentException e) {
                throw error(ln, e.getMessage());
            }
            for (EntityBrackets.Event e : events) {
                if (e.open() && e.close()) {
                    out.add(new Mention(i, i, e.entityId(), e.entityType(), e.body()));
                } else if (e.open()) {
                    open.computeIfAbsent(e.entityId(), x -> new ArrayDeque<>()).push(new Object[]{i, e.entityType(), e.body(), ln});
                } else {
                    Deque<Object[]> st = open.get(e.entityId());
                    if (st == null || st.isEmpty()) {
                        throw error(ln, "mention of entity " + e.entityId() + " closed but not opened in this sentence"
                                + " (cross-sentence mentions are not supported)");
                    }
                    Object[] o = st.pop();
                    out.add(new Mention((Integer) o[0], i, e.entityId(), (String) o[1], (String) o[2]));
                }
            }
        }
        for (Map.Entry<String, Deque<Object[]>> e : open.entrySet()) {
            if (!e.getValue().isEmpty()) {
                throw error((Long) e.getValue().peek()[3], "mention of entity " + e.getKey()
                        + " opened here is not closed within its sentence (cross-sentence mentions are not supported)");
            }
        }
        out.sort(Comparator.comparingInt(Mention::start).thenComparing(Comparator.comparingInt(Mention::end).reversed()));
        return List.copyOf(out);
    }

    private ConlluFormatException error(long line, String detail) {
        return new ConlluFormatException(source, line, detail);
    }

    @Override
    public void close() throws IOException { closer.close(); }
}
