package org.bertology4j.analysis.conllu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConlluReaderTest {
    static final Path DEV = GumData.dev();

    static List<Sentence> sentences(String text, boolean lenient) {
        List<Sentence> out = new ArrayList<>();
        ConlluReader r = new ConlluReader(new StringReader(text), "snippet.conllu", lenient);
        r.forEach(out::add);
        return out;
    }

    static String w(int id, String form, int head, String rel, String misc) {
        return id + "\t" + form + "\t" + form.toLowerCase() + "\tNOUN\tNN\t_\t" + head + "\t" + rel + "\t_\t" + misc + "\n";
    }

    @Test
    void gumDevCounts() throws IOException {
        List<Document> docs = ConlluReader.readDocuments(GumData.requireFull().resolve(GumData.DEV));
        assertEquals(30, docs.size());
        assertEquals(1575, docs.stream().mapToInt(d -> d.sentences().size()).sum());
        long pars = docs.stream().flatMap(d -> d.sentences().stream()).filter(Sentence::newParagraph).count();
        long newparComments = docs.stream().flatMap(d -> d.sentences().stream())
                .filter(s -> s.comments().containsKey("newpar")).count();
        assertEquals(583, newparComments); // grep -c '^# newpar$'
        long docsWithoutNewpar = docs.stream().filter(d -> !d.sentences().get(0).comments().containsKey("newpar")).count();
        assertEquals(newparComments + docsWithoutNewpar, pars); // a document start is always a paragraph start
        assertEquals(pars, docs.stream().mapToInt(d -> d.paragraphs().size()).sum());
        // Every sentence's word count equals the largest integer id in its block (MWT / empty nodes skipped).
        for (Document d : docs) for (Sentence s : d.sentences()) assertEquals(s.size(), s.words().get(s.size() - 1).id());
    }

    @Test
    void gumTrainCountStreaming() throws IOException {
        int n = 0;
        try (ConlluReader r = ConlluReader.open(GumData.requireFull().resolve(GumData.TRAIN), false)) {
            for (Sentence s : r) n++;
        }
        assertEquals(9933, n);
    }

    @Test
    void gumHandCheckedFirstDocument() throws IOException {
        Document d;
        try (ConlluReader r = ConlluReader.open(DEV, false)) { d = r.documents().next(); }
        assertEquals("GUM_academic_exposure", d.id());
        assertEquals("academic", d.genre());
        assertEquals("2018-09-11", d.metadata().get("dateCollected"));
        Sentence s1 = d.sentences().get(0), s2 = d.sentences().get(1);
        assertEquals("GUM_academic_exposure-1", s1.sentId());
        assertEquals("Introduction", s1.text());
        assertTrue(s1.newDocument() && s1.newParagraph());
        assertTrue(s2.newParagraph() && !s2.newDocument());
        Word research = s2.words().get(0);
        assertEquals("Research", research.form());
        assertEquals(12, research.head());
        assertEquals("nsubj", research.deprel());
        assertEquals("Sing", research.feature("Number"));
        assertEquals(28, s2.words().get(27).id());
        // Mentions of sentence 2, checked by hand against the file.
        Map<String, int[]> expect = Map.of(
                "2", new int[]{0, 9}, "4", new int[]{12, 25}, "5", new int[]{15, 25}, "6", new int[]{19, 25}, "7", new int[]{24, 25});
        for (Map.Entry<String, int[]> e : expect.entrySet()) {
            Mention m = s2.mentions().stream().filter(x -> x.entityId().equals(e.getKey())).findFirst().orElseThrow();
            assertArrayEquals(e.getValue(), new int[]{m.start(), m.end()}, "entity " + e.getKey());
            assertEquals("abstract", m.entityType());
        }
        List<Mention> threes = s2.mentions().stream().filter(x -> x.entityId().equals("3")).toList();
        assertEquals(3, threes.size());
        assertArrayEquals(new int[]{2, 6}, new int[]{threes.get(0).start(), threes.get(0).end()});
        assertArrayEquals(new int[]{8, 8}, new int[]{threes.get(1).start(), threes.get(1).end()});
        assertArrayEquals(new int[]{24, 24}, new int[]{threes.get(2).start(), threes.get(2).end()});
        // Head word of "adult - learned second language" (words 3..7) is "language" (head 1 outside).
        assertEquals(6, threes.get(0).headWord(s2));
        assertTrue(d.entities().get("3").size() >= 3);
    }

    @Test
    void multiwordTokensAndEmptyNodesAreSkipped() throws IOException {
        try (ConlluReader r = ConlluReader.open(DEV, false)) {
            for (Sentence s : r) {
                if ("GUM_academic_librarians-12".equals(s.sentId())) {
                    assertEquals("country", s.words().get(8).form());
                    assertEquals("’s", s.words().get(9).form());
                    // Entity 8 "our country 's" spans across the multiword token line.
                    Mention m = s.mentions().stream().filter(x -> x.entityId().equals("8")).findFirst().orElseThrow();
                    assertEquals(7, m.start());
                    assertEquals(9, m.end());
                }
                if ("GUM_academic_exposure-23".equals(s.sentId())) {
                    assertEquals(62, s.size()); // the empty node 39.1 is not a word
                    assertEquals("and", s.words().get(38).form());
                    assertEquals("in", s.words().get(39).form());
                    assertEquals(40, s.words().get(39).id());
                }
            }
        }
    }

    @Test
    void nestedAndOneWordMentions() {
        String text = "# sent_id = a\n# text = x\n"
                + w(1, "The", 2, "det", "Entity=(e1-person-x(e2-place-y)")
                + w(2, "man", 0, "root", "Entity=e1)")
                + w(3, "runs", 2, "dep", "_") + "\n";
        Sentence s = sentences(text, false).get(0);
        assertEquals(2, s.mentions().size());
        assertEquals(new Mention(0, 1, "e1", "person", "e1-person-x"), s.mentions().get(0));
        assertEquals(new Mention(0, 0, "e2", "place", "e2-place-y"), s.mentions().get(1));
        assertEquals(1, s.mentions().get(0).headWord(s));
    }

    @Test
    void malformedInputNamesTheLine() {
        String header = "# sent_id = a\n";
        assertError(header + "1\tA\ta\tX\tX\t_\t0\troot\t_\n", 2, "10 tab-separated");
        assertError(header + w(1, "A", 0, "root", "_").replace("\t0\t", "\tx\t"), 2, "non-numeric HEAD");
        assertError(header + w(1, "A", 0, "root", "_") + w(2, "B", 5, "dep", "_"), 3, "out of range");
        assertError(header + w(1, "A", 0, "root", "_") + w(3, "B", 1, "dep", "_"), 3, "out of sequence");
        assertError(header + w(1, "A", 0, "root", "_").replaceFirst("^1", "1a"), 2, "bad word ID");
        assertError(header + w(1, "A", 0, "root", "Entity=(e1-person") + w(2, "B", 1, "dep", "_"), 2, "not closed");
        assertError(header + w(1, "A", 0, "root", "_") + w(2, "B", 1, "dep", "Entity=e1)"), 3, "closed but not opened");
        // Line numbers count from the file start, across sentences.
        assertError(header + w(1, "A", 0, "root", "_") + "\n" + header + w(1, "A", 0, "root", "_") + w(2, "B", 9, "dep", "_"), 6, "HEAD 9");
    }

    private static void assertError(String text, long line, String fragment) {
        ConlluFormatException e = assertThrows(ConlluFormatException.class, () -> sentences(text, false));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals("snippet.conllu", e.file());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("snippet.conllu:" + line + ":"), e.getMessage());
    }

    @Test
    void lenientModeSkipsAndCounts() {
        String text = "# newdoc id = d1\n# meta::genre = news\n# newpar\n# sent_id = bad\n"
                + w(1, "A", 0, "root", "_") + w(2, "B", 7, "dep", "_") + "\n"
                + "# sent_id = good\n" + w(1, "C", 0, "root", "_") + "\n"
                + "# sent_id = bad2\n" + "1\tD\n" + "\n"
                + "# newdoc id = d2\n# sent_id = good2\n" + w(1, "E", 0, "root", "_");
        ConlluReader r = new ConlluReader(new StringReader(text), "snippet.conllu", true);
        List<Document> docs = new ArrayList<>();
        r.documents().forEachRemaining(docs::add);
        assertEquals(2, r.skippedSentences());
        assertEquals(2, r.problems().size());
        assertTrue(r.problems().get(0).startsWith("snippet.conllu:6:"), r.problems().get(0));
        assertTrue(r.problems().get(1).startsWith("snippet.conllu:12:"), r.problems().get(1));
        assertEquals(2, docs.size());
        Document d1 = docs.get(0);
        assertEquals("d1", d1.id());
        assertEquals("news", d1.genre()); // metadata of the skipped first sentence is carried over
        assertEquals(1, d1.sentences().size());
        assertTrue(d1.sentences().get(0).newDocument() && d1.sentences().get(0).newParagraph());
        assertEquals("d2", docs.get(1).id());
        assertEquals("good2", docs.get(1).sentences().get(0).sentId());
    }

    @Test
    void streamingDocumentsDoNotNeedTheWholeFile() throws IOException {
        try (ConlluReader r = ConlluReader.open(DEV, false)) {
            Iterator<Document> it = r.documents();
            Document a = it.next(), b = it.next();
            assertNotEquals(a.id(), b.id());
            assertTrue(b.sentences().get(0).newDocument());
            assertEquals(b.id(), b.sentences().get(b.sentences().size() - 1).documentId());
        }
        assertTrue(Files.size(DEV) > 0);
    }
}
