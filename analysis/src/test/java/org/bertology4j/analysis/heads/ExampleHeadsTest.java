package org.bertology4j.analysis.heads;

import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.FakeEncoder;
import org.bertology4j.analysis.attention.SyntheticAttention;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.plot.AttentionLines;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ExampleHeadsTest {
    static final FakeEncoder ENC = new FakeEncoder(4);

    /** 12 x 12 heads; head 8-10 points every piece at the first piece of its gold head ([CLS] for the root), others uniform. */
    static AttentionSource oracle(List<Sentence> sentences) {
        return e -> {
            int t = e.length();
            Sentence s = sentences.stream().filter(x -> x.forms().equals(e.words())).findFirst().orElse(null);
            return SyntheticAttention.build(12, 12, t, (l, h) -> {
                if (l != 7 || h != 9 || s == null) return null;
                int[] first = SyntheticAttention.firstPieces(e), target = new int[t];
                for (int p = 0; p < t; p++) {
                    int w = e.wordIndex()[p];
                    target[p] = w < 0 ? 0 : s.words().get(w).head() == 0 ? 0 : first[s.words().get(w).head() - 1];
                }
                return SyntheticAttention.pointing(target);
            });
        };
    }

    @Test
    void highlightedWordsAndExamplesFollowTheTrees() throws IOException {
        String c = "# newdoc id = d\n# sent_id = s1\n"
                + "1\tHe\the\tPRON\tX\t_\t2\tnsubj\t_\tEntity=(p1-person)\n"
                + "2\tsaw\tsee\tVERB\tX\t_\t0\troot\t_\t_\n"
                + "3\this\the\tPRON\tX\t_\t4\tnmod:poss\t_\tEntity=(p1-person)\n"
                + "4\tdog\tdog\tNOUN\tX\t_\t2\tobj\t_\tEntity=(p2-animal)\n"
                + "5\t.\t.\tPUNCT\tX\t_\t2\tpunct\t_\t_\n\n";
        Sentence s = new ConlluReader(new StringReader(c), "t", false).next();
        assertEquals(Set.of(3), ExampleHeads.highlighted(s, "obj"));
        assertEquals(Set.of(2), ExampleHeads.highlighted(s, "nmod:poss"));
        assertEquals(Set.of(2), ExampleHeads.highlighted(s, ExampleHeads.COREF));   // "his": a later mention of p1
        assertEquals(List.of(s), ExampleHeads.examples(List.of(s), "obj", 2, 3, 12, ENC, 128));
        assertEquals(List.of(), ExampleHeads.examples(List.of(s), "obj", 2, 6, 12, ENC, 128));   // too short
        assertEquals(List.of(), ExampleHeads.examples(List.of(s), "det", 2, 3, 12, ENC, 128));   // no det
        Sentence heading = new ConlluReader(new StringReader(c.substring(0, c.indexOf("5\t.")) + "\n"), "t", false).next();
        assertEquals(4, heading.size());
        assertEquals(List.of(), ExampleHeads.examples(List.of(heading), "obj", 2, 3, 12, ENC, 128));  // no final . ? !

        List<Sentence> dev = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(GumData.dev(), false)) { for (Sentence x : r) dev.add(x); }
        List<Sentence> ex = ExampleHeads.examples(dev, "det", 2, 6, 12, ENC, 128);
        assertEquals(2, ex.size());
        Sentence first = dev.stream().filter(x -> x.size() >= 6 && x.size() <= 12 && x.words().stream().anyMatch(w -> w.deprel().equals("det"))
                        && List.of(".", "?", "!").contains(x.words().get(x.size() - 1).form()))
                .findFirst().orElseThrow();
        assertSame(first, ex.get(0));
    }

    @Test
    void wordPanelsAreWordLevelWithSpecialsAndCanHideThem() throws IOException {
        List<Sentence> dev = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(GumData.dev(), false)) { for (Sentence x : r) dev.add(x); }
        Sentence s = ExampleHeads.examples(dev, "obj", 1, 6, 12, ENC, 128).get(0);
        Encoding e = ENC.encode(s.forms());
        var a = oracle(dev).attend(e);
        ExampleHeads.LinguisticHead objHead = ExampleHeads.FIGURE_5.get(0);
        assertEquals("8-10", objHead.label());
        AttentionLines.Panel p = ExampleHeads.wordPanel("t", s, e, a, objHead);
        assertEquals(s.size() + 2, p.tokens().size());
        assertEquals("[CLS]", p.tokens().get(0));
        assertEquals(s.words().get(0).form(), p.tokens().get(1));
        for (int i : ExampleHeads.highlighted(s, "obj")) {
            assertTrue(p.highlighted().contains(i + 1));
            assertEquals(1.0, p.weights()[i + 1][s.words().get(i).head()], 1e-6, "the oracle head's object row points at its verb");
        }
        // 9-6 hides [CLS]/[SEP] and renormalises: a uniform head then spreads 1/n over the n words
        ExampleHeads.LinguisticHead caseHead = ExampleHeads.FIGURE_5.get(4);
        assertTrue(caseHead.hideSpecials());
        AttentionLines.Panel q = ExampleHeads.wordPanel("t", s, e, a, caseHead);
        assertEquals(0.0, q.weights()[1][0], 0.0);
        double rowSum = 0;
        for (double v : q.weights()[1]) rowSum += v;
        assertEquals(1.0, rowSum, 1e-9);
    }

    @Test
    void writesBothFiguresAndNamesTheInputs(@TempDir Path out) throws IOException {
        // Figure 1's input is the first paragraph pair of 12-28 pieces ending in a period: the committed GUM excerpt has
        // none, so this needs the whole corpus (-Dgum.dir; CI passes ../shared/data/ud-english-gum)
        org.junit.jupiter.api.Assumptions.assumeTrue(GumData.isFull(), "needs the whole GUM dev (-Dgum.dir)");
        List<Document> docs = ConlluReader.readDocuments(GumData.dev());
        List<Sentence> all = new ArrayList<>();
        docs.forEach(d -> all.addAll(d.sentences()));
        List<Path> written = ExampleHeads.write(docs, ENC, oracle(all), "synthetic", out);
        assertEquals(1 + ExampleHeads.FIGURE_5.size() + 1, written.size());
        BufferedImage img = ImageIO.read(out.resolve("figure5-8-10.png").toFile());
        assertTrue(img.getWidth() > 200 && img.getHeight() > 100);
        String md = Files.readString(out.resolve("figures.md"));
        assertTrue(md.contains("| `figure5-9-6.png` | 9-6 | Prepositions attend to their objects (attention to [CLS]/[SEP] hidden"), md);
        assertTrue(md.contains("Heads 1-1, 3-1, 8-7, 11-6"), md);
        Encoding pair = ExampleHeads.figure1Input(docs, ENC, 12, 28);
        assertTrue(pair.length() >= 12 && pair.length() <= 28 && List.of(pair.pieces()).contains("."));
        assertThrows(IllegalArgumentException.class, () -> new AttentionLines.Panel("x", List.of("a"), new double[2][2], Set.of(), true));
    }
}
