package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.TextDocuments;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DocumentScannerTest {
    static final Path GUM_DEV = GumData.dev();

    @Test
    void gumDevSpansReadBackAsTheReadersDocuments() throws IOException {
        assumeTrue(GUM_DEV.toFile().isFile(), "GUM dev not available");
        List<Document> expected = ConlluReader.readDocuments(GUM_DEV);
        List<DocumentSpan> spans;
        try (InputStream in = java.nio.file.Files.newInputStream(GUM_DEV)) {
            spans = DocumentScanner.scan(in, CorpusFormat.CONLLU);
        }
        assertEquals(expected.size(), spans.size(), "documents");
        assertEquals(java.nio.file.Files.size(GUM_DEV), spans.get(spans.size() - 1).end(), "last span ends at the file end");
        for (int i = 0; i < spans.size(); i++) {
            DocumentSpan s = spans.get(i);
            Document want = expected.get(i);
            assertEquals(want.sentences().size(), s.sentences(), "sentences of document " + want.id());
            assertEquals(want.sentences().get(0).firstLine(), s.firstLine(), "first line of " + want.id());
            if (i > 0) assertEquals(spans.get(i - 1).end(), s.start(), "spans are contiguous");
            // A fresh reader over the span's bytes alone yields the same document.
            try (ConlluReader r = new ConlluReader(new InputStreamReader(InProcessRunner.range(GUM_DEV, s.start(), s.end()),
                    StandardCharsets.UTF_8), "span", false)) {
                List<Document> got = new java.util.ArrayList<>();
                r.documents().forEachRemaining(got::add);
                assertEquals(1, got.size(), "one document in the span of " + want.id());
                Document d = got.get(0);
                assertEquals(want.id(), d.id());
                assertEquals(want.metadata(), d.metadata());
                assertEquals(want.sentences().stream().map(Sentence::sentId).toList(), d.sentences().stream().map(Sentence::sentId).toList());
                assertEquals(want.sentences().stream().map(Sentence::words).toList(), d.sentences().stream().map(Sentence::words).toList());
                assertEquals(want.sentences().stream().map(Sentence::mentions).toList(), d.sentences().stream().map(Sentence::mentions).toList());
            }
        }
    }

    @Test
    void conlluWithoutLeadingNewdocCrlfAndNoFinalNewline() throws IOException {
        String w = "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_";
        String text = "# sent_id = a\r\n" + w + "\r\n\r\n"          // document before any newdoc
                + "# newdoc id = d2\n# sent_id = b\n" + w + "\n\n"
                + "# sent_id = c\n" + w + "\n\n"
                + "#newdoc id = d3\n\n"                          // newdoc in a comment-only block
                + "# sent_id = d\n" + w;                          // no final newline
        List<DocumentSpan> spans = DocumentScanner.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), CorpusFormat.CONLLU);
        assertEquals(List.of(1, 2, 1), spans.stream().map(DocumentSpan::sentences).toList());
        assertEquals(0, spans.get(0).start());
        assertEquals(text.indexOf("# newdoc id = d2"), spans.get(1).start());
        assertEquals(text.indexOf("#newdoc id = d3"), spans.get(2).start());
        assertEquals(text.length(), spans.get(2).end());
        assertEquals(List.of(1L, 4L, 11L), spans.stream().map(DocumentSpan::firstLine).toList());
        // the reader agrees on the documents
        try (ConlluReader r = new ConlluReader(new java.io.StringReader(text), "t", false)) {
            List<Integer> sizes = new java.util.ArrayList<>();
            r.documents().forEachRemaining(d -> sizes.add(d.sentences().size()));
            assertEquals(List.of(1, 2, 1), sizes);
        }
    }

    @Test
    void textDocumentsAreRunsOfNonBlankLines() throws IOException {
        String text = "\nThe cat sat .\nIt purred .\n\n  \nA second document .\n\n\nThird one\n";
        List<DocumentSpan> spans = DocumentScanner.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), CorpusFormat.TEXT);
        assertEquals(List.of(2, 1, 1), spans.stream().map(DocumentSpan::sentences).toList());
        assertEquals(List.of(2L, 6L, 9L), spans.stream().map(DocumentSpan::firstLine).toList());
        DocumentSpan second = spans.get(1);
        assertEquals("A second document .\n", text.substring((int) second.start(), (int) second.end()));
        TextDocuments docs = new TextDocuments(new java.io.BufferedReader(new java.io.StringReader(text)), "t", 1);
        Document first = docs.next();
        assertEquals(List.of("The", "cat", "sat", "."), first.sentences().get(0).forms());
        assertEquals(2, first.sentences().size());
        assertTrue(first.sentences().get(0).newDocument() && !first.sentences().get(1).newDocument());
        assertEquals(2, first.paragraphs().size(), "one paragraph per line");
        assertEquals(1, docs.next().sentences().size());
        assertEquals(List.of("Third", "one"), docs.next().sentences().get(0).forms());
        assertTrue(!docs.hasNext());
    }
}
