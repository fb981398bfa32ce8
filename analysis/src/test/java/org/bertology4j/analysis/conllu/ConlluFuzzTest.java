package org.bertology4j.analysis.conllu;

import org.bertology4j.distributed.CorpusFormat;
import org.bertology4j.distributed.DocumentScanner;
import org.bertology4j.distributed.DocumentSpan;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random CoNLL-U: valid documents (random trees, multiword tokens, empty nodes, coreference brackets, random
 * Unicode forms with combining marks and control characters), then random mutations of their lines and bytes (a
 * column changed or dropped, a HEAD out of range or not a number, lines swapped, deleted, duplicated, blank lines and
 * comments inserted, bytes that are not UTF-8, NUL, a BOM, CRLF, truncation). {@value #INPUTS} inputs, each read
 * strictly and leniently: the only exception is {@link ConlluFormatException} with a line inside the input; what is
 * read is a tree per sentence; a strict success reads the same leniently with nothing skipped, and the byte scanner
 * that slices corpora for Spark finds the same sentences.
 */
class ConlluFuzzTest {
    static final int INPUTS = 4000;

    private static final int[] FORM_CHARS = {'a', 'b', 'Z', '9', '.', '-', '_', '(', ')', '=', '|', '#', ' ', 'é', 'ß', 'Σ',
        0x0301, 0x0308, 0x200B, 0x00AD, 0x0007, 0xFEFF, 0xFFFD, '我', 0x1F600, 0x20000};

    @Test
    void randomAndMutatedInputsFailOnlyWithTheirLine() throws IOException {
        Random r = new Random(15_015L);
        int valid = 0, strictErrors = 0, lenientSkips = 0;
        for (int n = 0; n < INPUTS; n++) {
            List<String> lines = document(r);
            int mutations = n % 5 == 0 ? 0 : 1 + r.nextInt(3);
            for (int m = 0; m < mutations; m++) mutateLines(lines, r);
            byte[] bytes = String.join("\n", lines).concat(r.nextBoolean() ? "\n" : "").getBytes(StandardCharsets.UTF_8);
            if (mutations > 0 && r.nextInt(4) == 0) bytes = mutateBytes(bytes, r);
            long lineCount = countLines(bytes);
            String where = "input " + n + ": " + HexFormat.of().formatHex(bytes);

            Read strict = read(bytes, false, lineCount, where);
            Read lenient = read(bytes, true, lineCount, where);
            if (strict.sentences != null) {
                valid++;
                assertEquals(strict.sentences, lenient.sentences, where);
                assertEquals(0, lenient.skipped, where);
                List<DocumentSpan> spans = DocumentScanner.scan(new ByteArrayInputStream(bytes), CorpusFormat.CONLLU);
                assertEquals(strict.sentences.size(), spans.stream().mapToLong(DocumentSpan::sentences).sum(), where);
            } else {
                strictErrors++;
                if (lenient.sentences != null) lenientSkips += lenient.skipped;
            }
        }
        // the generator reaches both sides
        assertTrue(valid > INPUTS / 10 && strictErrors > INPUTS / 3 && lenientSkips > INPUTS / 10,
                "valid " + valid + ", strict errors " + strictErrors + ", lenient skips " + lenientSkips);
    }

    private record Read(List<Sentence> sentences, int skipped) {}

    private static Read read(byte[] bytes, boolean lenient, long lineCount, String where) {
        List<Sentence> out = new ArrayList<>();
        try (ConlluReader reader = new ConlluReader(new ByteArrayInputStream(bytes), "fuzz.conllu", 1, lenient)) {
            reader.documents().forEachRemaining(d -> out.addAll(d.sentences()));
            for (Sentence s : out) checkTree(s, where);
            return new Read(out, reader.skippedSentences());
        } catch (ConlluFormatException e) {
            assertTrue(e.line() >= 1 && e.line() <= Math.max(1, lineCount), () -> "line " + e.line() + " outside the "
                    + lineCount + " lines: " + e.getMessage() + "; " + where);
            assertTrue(e.getMessage().startsWith("fuzz.conllu:" + e.line() + ": "), e.getMessage());
            return new Read(null, 0);
        } catch (RuntimeException | IOException e) {
            throw new AssertionError("unexpected " + e + " (lenient " + lenient + "); " + where, e);
        }
    }

    /** Words 1..n, exactly one root, every chain of heads reaches it, mentions inside the sentence. */
    private static void checkTree(Sentence s, String where) {
        int n = s.size(), roots = 0;
        for (int i = 0; i < n; i++) {
            Word w = s.words().get(i);
            assertEquals(i + 1, w.id(), where);
            if (w.head() == 0) roots++;
            int h = w.head(), steps = 0;
            while (h != 0) {
                if (++steps > n) fail("cycle through word " + (i + 1) + "; " + where);
                h = s.words().get(h - 1).head();
            }
        }
        assertEquals(1, roots, where);
        for (Mention m : s.mentions()) assertTrue(0 <= m.start() && m.start() <= m.end() && m.end() < n, where);
    }

    private static List<String> document(Random r) {
        List<String> lines = new ArrayList<>();
        if (r.nextBoolean()) lines.add("# newdoc id = d" + r.nextInt(100));
        for (int s = 1 + r.nextInt(3); s > 0; s--) {
            lines.add("# sent_id = s" + r.nextInt(1000));
            int n = 1 + r.nextInt(8);
            int[] order = shuffled(n, r);
            int[] head = new int[n + 1];
            head[order[0]] = 0;
            for (int k = 1; k < n; k++) head[order[k]] = order[r.nextInt(k)]; // attach to an earlier word: a tree
            for (int id = 1; id <= n; id++) {
                if (id < n && r.nextInt(10) == 0) lines.add(id + "-" + (id + 1) + "\t" + form(r) + "\t_\t_\t_\t_\t_\t_\t_\t_");
                String misc = r.nextInt(6) == 0 ? "Entity=(e" + r.nextInt(3) + "-person)" : "_";
                lines.add(id + "\t" + form(r) + "\t" + form(r) + "\tNOUN\t_\t_\t" + head[id] + "\t" + (head[id] == 0 ? "root" : "dep") + "\t_\t" + misc);
                if (r.nextInt(15) == 0) lines.add(id + ".1\t" + form(r) + "\t_\t_\t_\t_\t_\t_\t" + id + ":dep\t_");
            }
            lines.add("");
        }
        return lines;
    }

    private static int[] shuffled(int n, Random r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i + 1;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static String form(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int k = 1 + r.nextInt(r.nextInt(20) == 0 ? 300 : 6); k > 0; k--) sb.appendCodePoint(FORM_CHARS[r.nextInt(FORM_CHARS.length)]);
        return sb.toString();
    }

    private static void mutateLines(List<String> lines, Random r) {
        if (lines.isEmpty()) return;
        int i = r.nextInt(lines.size());
        String line = lines.get(i);
        String[] c = line.split("\t", -1);
        switch (r.nextInt(12)) {
            case 0 -> { // HEAD to a random number, possibly out of range, a self-loop or a cycle
                if (c.length == 10) { c[6] = String.valueOf(r.nextInt(12) - 2); lines.set(i, String.join("\t", c)); }
            }
            case 1 -> { if (c.length == 10) { c[6] = form(r); lines.set(i, String.join("\t", c)); } } // not a number
            case 2 -> { if (c.length > 1) lines.set(i, String.join("\t", Arrays.copyOf(c, r.nextInt(c.length)))); } // columns lost
            case 3 -> lines.set(i, line + "\t" + form(r)); // a column too many
            case 4 -> { if (c.length == 10) { c[0] = r.nextBoolean() ? form(r) : String.valueOf(r.nextInt(20)); lines.set(i, String.join("\t", c)); } }
            case 5 -> lines.remove(i);
            case 6 -> lines.add(i, line); // duplicated
            case 7 -> { int j = r.nextInt(lines.size()); lines.set(i, lines.get(j)); lines.set(j, line); } // swapped
            case 8 -> lines.add(i, ""); // a sentence split in two
            case 9 -> lines.add(i, "# " + form(r)); // a comment, maybe among the word lines
            case 10 -> { if (c.length == 10) { c[9] = "Entity=" + brackets(r); lines.set(i, String.join("\t", c)); } }
            default -> lines.set(i, line.replace("\t", r.nextBoolean() ? " " : "\t\t"));
        }
    }

    private static String brackets(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int k = r.nextInt(4); k >= 0; k--) {
            switch (r.nextInt(4)) {
                case 0 -> sb.append("(e").append(r.nextInt(3)).append("-x");
                case 1 -> sb.append("e").append(r.nextInt(3)).append(")");
                case 2 -> sb.append("(e").append(r.nextInt(3)).append(")");
                default -> sb.append(r.nextBoolean() ? "(" : ")");
            }
        }
        return sb.toString();
    }

    private static byte[] mutateBytes(byte[] in, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (r.nextInt(5)) {
            case 0 -> { out.write(0xEF); out.write(0xBB); out.write(0xBF); out.writeBytes(in); } // a BOM
            case 1 -> out.writeBytes(new String(in, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            case 2 -> out.write(in, 0, r.nextInt(in.length + 1)); // truncated, maybe inside a character
            default -> { // a byte that is not UTF-8 (or NUL) somewhere
                int at = r.nextInt(in.length + 1);
                out.write(in, 0, at);
                int[] bad = {0x00, 0x80, 0xBF, 0xC0, 0xC3, 0xE9, 0xED, 0xF5, 0xFF};
                out.write(bad[r.nextInt(bad.length)]);
                out.write(in, at, in.length - at);
            }
        }
        return out.toByteArray();
    }

    private static long countLines(byte[] bytes) {
        long n = 1;
        for (byte b : bytes) if (b == '\n') n++;
        return n;
    }
}
