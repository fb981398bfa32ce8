package org.bertology4j.analysis.conllu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bertology4j.analysis.conllu.ConlluReaderTest.w;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UD validator's basic rules (issue 15): encoding, byte order mark, trees, empty input; strict and lenient. */
class ConlluValidationTest {
    @TempDir
    Path tmp;

    private static final String GOOD = "# sent_id = s1\n# text = Zoë runs\n" + w(1, "Zoë", 2, "nsubj", "_") + w(2, "runs", 0, "root", "_") + "\n";

    private List<Sentence> read(byte[] bytes, boolean lenient) throws IOException {
        Path f = Files.write(tmp.resolve("in.conllu"), bytes);
        List<Sentence> out = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(f, lenient)) {
            r.forEach(out::add);
        }
        return out;
    }

    private ConlluFormatException error(String text) {
        return error(text.getBytes(StandardCharsets.UTF_8));
    }

    private ConlluFormatException error(byte[] bytes) {
        return assertThrows(ConlluFormatException.class, () -> read(bytes, false));
    }

    @Test
    void aByteOrderMarkIsAccepted() throws IOException {
        byte[] text = GOOD.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF; withBom[1] = (byte) 0xBB; withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        List<Sentence> s = read(withBom, false);
        assertEquals(1, s.size());
        assertEquals("s1", s.get(0).sentId());
        assertEquals("Zoë", s.get(0).words().get(0).form());
        assertEquals(new ConlluCounts.Counts(1, 0), ConlluCounts.of(tmp.resolve("in.conllu")));
    }

    @Test
    void latin1AndBinaryInputNameFileAndLineInBothModes() throws IOException {
        byte[] latin1 = (GOOD + "# sent_id = s2\n" + w(1, "café", 0, "root", "_")).getBytes(StandardCharsets.ISO_8859_1);
        // line 2, "# text = Zoë runs": the first byte that is not UTF-8 is the 12th
        ConlluFormatException e = error(latin1);
        assertEquals("in.conllu:2: not valid UTF-8 (byte 0xEB at byte 12 of the line); the input must be UTF-8 "
                + "(convert it, e.g. iconv -f LATIN1 -t UTF-8)", e.getMessage());
        assertEquals(2, e.line());
        // an encoding error is the file's, not one sentence's: lenient mode reports it too
        assertEquals(2, assertThrows(ConlluFormatException.class, () -> read(latin1, true)).line());
        byte[] binary = new byte[4096];
        new Random(5).nextBytes(binary);
        binary[0] = 'x';
        e = error(binary);
        assertTrue(e.getMessage().startsWith("in.conllu:1: "), e.getMessage());
        assertTrue(e.getMessage().contains("not valid UTF-8") || e.getMessage().contains("NUL byte"), e.getMessage());
        // and the progress counts say the same
        Files.write(tmp.resolve("latin1.conllu"), latin1);
        IOException c = assertThrows(IOException.class, () -> ConlluCounts.of(tmp.resolve("latin1.conllu")));
        assertTrue(c.getMessage().startsWith(tmp.resolve("latin1.conllu") + ":2: not valid UTF-8"), c.getMessage());
    }

    @Test
    void treesAreChecked() {
        String h = "# sent_id = t\n";
        ConlluFormatException e = error(h + w(1, "A", 1, "root", "_"));
        assertEquals("in.conllu:2: word 1 is its own HEAD (self-loop)", e.getMessage());
        e = error(h + w(1, "A", 0, "root", "_") + w(2, "B", 3, "dep", "_") + w(3, "C", 4, "dep", "_") + w(4, "D", 2, "dep", "_"));
        assertEquals("in.conllu:3: HEADs form a cycle: 2 -> 3 -> 4 -> 2 (the words must form a tree)", e.getMessage());
        e = error(h + w(1, "A", 2, "dep", "_") + w(2, "B", 1, "dep", "_")); // no root: necessarily a cycle
        assertEquals("in.conllu:2: HEADs form a cycle: 1 -> 2 -> 1 (the words must form a tree)", e.getMessage());
        e = error(h + w(1, "A", 0, "root", "_") + w(2, "B", 1, "dep", "_") + w(3, "C", 0, "root", "_"));
        assertEquals("in.conllu:4: multiple roots: words 1 and 3 both have HEAD 0", e.getMessage());
        e = error(h + w(1, "A", 0, "root", "_") + w(2, "B", 3, "dep", "_"));
        assertEquals("in.conllu:3: HEAD 3 of word 2 out of range [0, 2]", e.getMessage());
        e = error(h + w(1, "A", 0, "root", "_").replaceFirst("^1", "99999999999"));
        assertTrue(e.getMessage().startsWith("in.conllu:2: bad word ID"), e.getMessage());
    }

    @Test
    void lenientModeSkipsAndCountsBadTrees() throws IOException {
        String text = GOOD + "# sent_id = loop\n" + w(1, "A", 1, "root", "_") + "\n"
                + "# sent_id = cycle\n" + w(1, "A", 0, "root", "_") + w(2, "B", 3, "dep", "_") + w(3, "C", 2, "dep", "_") + "\n"
                + "# sent_id = roots\n" + w(1, "A", 0, "root", "_") + w(2, "B", 0, "root", "_") + "\n" + GOOD;
        ConlluReader r = new ConlluReader(new java.io.StringReader(text), "in.conllu", true);
        List<Sentence> s = new ArrayList<>();
        r.forEach(s::add);
        assertEquals(2, s.size());
        assertEquals(3, r.skippedSentences());
        assertEquals(List.of("in.conllu:7: word 1 is its own HEAD (self-loop)",
                "in.conllu:11: HEADs form a cycle: 2 -> 3 -> 2 (the words must form a tree)",
                "in.conllu:16: multiple roots: words 1 and 2 both have HEAD 0"), r.problems());
    }

    @Test
    void emptyOrCommentOnlyInputIsAnError() {
        assertEquals("in.conllu:1: no sentences: the input is empty", error("").getMessage());
        assertEquals("in.conllu:3: no sentences: the input is only comments and blank lines",
                error("# newdoc id = d\n\n# sent_id = x\n").getMessage());
        assertEquals("in.conllu:1: no sentences: the input is only comments and blank lines", error("\uFEFF\n").getMessage());
    }

    @Test
    void crlfLineEndsAreRead() throws IOException {
        assertEquals(1, read(GOOD.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), false).size());
    }

    @Test
    void encodingErrorsInASliceNameTheFilesLine() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("# sent_id = x\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(w(1, "caf\u00e9", 0, "root", "_").getBytes(StandardCharsets.ISO_8859_1));
        ConlluReader r = new ConlluReader(new java.io.ByteArrayInputStream(b.toByteArray()), "corpus.conllu", 41, true);
        ConlluFormatException e = assertThrows(ConlluFormatException.class, r::next);
        assertTrue(e.getMessage().startsWith("corpus.conllu:42: not valid UTF-8 (byte 0xE9 at byte 6 of the line)"), e.getMessage());
    }
}
