package org.bertology4j.analysis.tasks;

import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.conllu.Sentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TasksTest {
    private static final Path GUM = GumData.dir();

    private static String conllu(String doc, String genre, int sentences) {
        StringBuilder b = new StringBuilder("# newdoc id = " + doc + "\n# meta::genre = " + genre + "\n");
        for (int s = 0; s < sentences; s++) {
            b.append("# sent_id = ").append(doc).append("-").append(s).append("\n# text = w").append(s).append(" end\n");
            b.append("1\tw").append(s).append("\tw\tNOUN\tNN\t_\t0\troot\t_\t_\n");
            b.append("2\tend\tend\tNOUN\tNN\t_\t1\tcompound\t_\t_\n\n");
        }
        return b.toString();
    }

    @Test
    void genreTaskIsDocumentDisjointAndLabelsComeFromMetadata(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(GumTasks.TRAIN), conllu("d1", "news", 3) + conllu("d2", "fiction", 2));
        Files.writeString(dir.resolve(GumTasks.DEV), conllu("d3", "news", 4));
        ClassificationTask t = GumTasks.genre(dir);
        assertEquals(List.of("fiction", "news"), t.labels());
        assertEquals(5, t.train().size());
        assertEquals(4, t.dev().size());
        assertTrue(t.dev().stream().allMatch(e -> e.label().equals("news") && e.sourceA().documentId().equals("d3")));
        // a document split across both files (as GUM does for a few) is kept in dev only; another fiction document
        // keeps the genre in training
        Files.writeString(dir.resolve(GumTasks.TRAIN), conllu("d1", "news", 3) + conllu("d2", "fiction", 2)
                + conllu("d5", "fiction", 2));
        Files.writeString(dir.resolve(GumTasks.DEV), conllu("d3", "news", 4) + conllu("d2", "fiction", 1));
        ClassificationTask split = GumTasks.genre(dir);
        assertEquals(5, split.train().size());
        assertEquals(5, split.dev().size());
        assertTrue(split.train().stream().noneMatch(x -> x.sourceA().documentId().equals("d2")));
        Files.writeString(dir.resolve(GumTasks.DEV), conllu("d4", "poetry", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GumTasks.genre(dir));
        assertTrue(e.getMessage().contains("poetry") && e.getMessage().contains("d4"), e.getMessage());
    }

    @Test
    void nextSentencePairsAreTrueSuccessorsOrOtherSentencesOfTheDocument() throws IOException {
        ClassificationTask t = GumTasks.nextSentence(GUM, 1);
        Set<String> docsTrain = new HashSet<>(), docsDev = new HashSet<>();
        int next = 0;
        for (TaskExample e : t.train()) docsTrain.add(e.sourceA().documentId());
        for (TaskExample e : t.dev()) {
            docsDev.add(e.sourceA().documentId());
            Sentence a = e.sourceA(), b = e.sourceB();
            assertEquals(a.documentId(), b.documentId());
            assertNotEquals(a.sentId(), b.sentId());
            boolean isNext = successor(a).equals(b.sentId());
            assertEquals(isNext, e.label().equals("next"), a.sentId() + " / " + b.sentId());
            if (isNext) next++;
        }
        Set<String> both = new HashSet<>(docsTrain);
        both.retainAll(docsDev);
        assertTrue(both.isEmpty(), "document-disjoint splits, shared: " + both);
        double share = next / (double) t.dev().size();
        assertTrue(share > 0.4 && share < 0.6, "balanced labels: " + share);
    }

    /** sent_id of the following sentence: GUM numbers sentences doc-N. */
    private static String successor(Sentence a) {
        int dash = a.sentId().lastIndexOf('-');
        return a.sentId().substring(0, dash + 1) + (Integer.parseInt(a.sentId().substring(dash + 1)) + 1);
    }

    @Test
    void glueTsvIsReadByHeaderAndErrorsNameTheLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("train.tsv"), "index\tsentence1\tsentence2\tlabel\n0\tA cat.\tAn animal.\tentailment\n1\tX.\tY.\tnot_entailment\n");
        Files.writeString(dir.resolve("dev.tsv"), "index\tsentence1\tsentence2\tlabel\n0\tP.\tQ.\tentailment\n");
        ClassificationTask t = Tasks.load("rte", GUM, dir, 1);
        assertTrue(t.pair());
        assertEquals(2, t.train().size());
        assertEquals("An animal.", t.train().get(0).textB());
        assertEquals(1, t.labelIndex("not_entailment"));
        Files.writeString(dir.resolve("dev.tsv"), "index\tsentence1\tsentence2\tlabel\n0\tP.\tQ.\t\n");
        IOException e = assertThrows(IOException.class, () -> Tasks.load("rte", GUM, dir, 1));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tasks.load("nope", GUM, dir, 1));
        assertFalse(GlueTasks.known("nope"));
    }
}
