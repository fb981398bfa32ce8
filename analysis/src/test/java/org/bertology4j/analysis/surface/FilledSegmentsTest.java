package org.bertology4j.analysis.surface;

import org.bertology4j.analysis.attention.FakeEncoder;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FilledSegmentsTest {
    static final FakeEncoder ENC = new FakeEncoder(100);   // one piece per word

    /** A document whose sentence i has {@code lengths[i]} one-piece words named s{i}w{j}. */
    static Document doc(int... lengths) {
        StringBuilder sb = new StringBuilder("# newdoc id = d\n");
        for (int i = 0; i < lengths.length; i++) {
            for (int j = 0; j < lengths[i]; j++) {
                sb.append(j + 1).append("\ts").append(i).append('w').append(j).append("\t_\tX\tX\t_\t").append(j == 0 ? 0 : 1).append("\tdep\t_\t_\n");
            }
            sb.append('\n');
        }
        return new ConlluReader(new StringReader(sb.toString()), "d", false).documents().next();
    }

    static int sentenceOf(String piece) { return Integer.parseInt(piece.substring(1, piece.indexOf('w'))); }

    @Test
    void chunksFillTheLimitAndSplitAtASentence() {
        // target = 20 - 3 = 17 pieces: sentences 0-3 (5+5+5+5 = 20 >= 17) form a chunk, then 4-5 (6+3, document end)
        List<Encoding> segs = FilledSegments.of(doc(5, 5, 5, 5, 6, 3), ENC, 20, 1);
        assertEquals(2, segs.size());
        for (Encoding e : segs) {
            String[] p = e.pieces();
            assertTrue(e.length() <= 20, Arrays.toString(p));
            assertEquals("[CLS]", p[0]);
            assertEquals("[SEP]", p[p.length - 1]);
            int sep = List.of(p).indexOf("[SEP]");
            assertTrue(sep > 1 && sep < p.length - 2, "both segments non-empty: " + Arrays.toString(p));
            for (int i = 0; i < p.length; i++) assertEquals(i > sep ? 1 : 0, e.segmentIds()[i], "segment id at " + i);
            // A holds earlier sentences than B
            assertTrue(sentenceOf(p[sep - 1]) < sentenceOf(p[sep + 1]), Arrays.toString(p));
        }
        // the first chunk had 20 pieces for 17 places: 3 dropped from the ends of the longer side
        assertEquals(20, segs.get(0).length());
        assertTrue(segs.get(0).truncated());
        // the second fits: A = sentence 4, B = sentence 5, nothing cut
        assertEquals(List.of("[CLS]", "s4w0", "s4w1", "s4w2", "s4w3", "s4w4", "s4w5", "[SEP]", "s5w0", "s5w1", "s5w2", "[SEP]"),
                List.of(segs.get(1).pieces()));
        assertFalse(segs.get(1).truncated());
    }

    @Test
    void seededAndASingleSentenceChunkIsPassedOver() {
        Document d = doc(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 30, 2);
        List<String> a = flat(FilledSegments.of(d, ENC, 20, 7)), b = flat(FilledSegments.of(d, ENC, 20, 7));
        assertEquals(a, b);
        boolean differs = false;
        for (long seed = 8; seed < 20 && !differs; seed++) differs = !a.equals(flat(FilledSegments.of(d, ENC, 20, seed)));
        assertTrue(differs, "the split point and the cut ends depend on the seed");
        // the 30-word sentence fills a chunk on its own (no B): passed over; nothing of it appears
        for (String p : a) assertFalse(p.startsWith("s10w"), p);
        assertEquals(Segments.FILLED, Segments.of("filled"));
        assertThrows(IllegalArgumentException.class, () -> Segments.of("pairs"));
    }

    static List<String> flat(List<Encoding> es) {
        List<String> out = new ArrayList<>();
        for (Encoding e : es) out.addAll(List.of(e.pieces()));
        return out;
    }
}
