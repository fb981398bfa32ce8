package org.bertology4j.analysis.surface;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.Encodings;
import org.bertology4j.analysis.attention.FakeEncoder;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.SyntheticAttention;
import org.bertology4j.analysis.cluster.HeadBehaviour;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SurfaceAccumulatorTest {
    static final FakeEncoder ENC = new FakeEncoder(100);

    /** Heads: 0 previous piece, 1 uniform, 2 everything to the first [SEP]. */
    static final AttentionSource MODEL = e -> {
        int t = e.length(), sep = Encodings.positionsOf(e, "[SEP]")[0];
        return SyntheticAttention.build(1, 3, t, (l, h) -> {
            int[] target = new int[t];
            for (int p = 0; p < t; p++) target[p] = h == 0 ? Math.max(0, p - 1) : sep;
            return h == 1 ? null : SyntheticAttention.pointing(target);
        });
    };

    static double s(SurfaceAccumulator a, int head, String stat) { return a.mean(0, head, SurfaceAccumulator.stat(stat)); }

    @Test
    void handComputedStatisticsAreMeansOfPerSequenceMeans() {
        Encoding e1 = Encodings.pair(ENC.encode(List.of("a", ",", "b", ".")), ENC.encode(List.of("c", ".")));  // t = 9
        Encoding e2 = Encodings.pair(ENC.encode(List.of("x")), ENC.encode(List.of("y", "z")));                 // t = 6
        SurfaceAccumulator acc = new SurfaceAccumulator(1, 3);
        acc.add(e1, MODEL.attend(e1));
        acc.add(e2, MODEL.attend(e2));
        assertEquals(2, acc.sequences());
        // previous-piece head: rows i>=1 point at i-1; row 0 at itself.
        assertEquals(1.0, s(acc, 0, "previous"), 1e-7);
        assertEquals(0.0, s(acc, 0, "next"), 1e-7);
        assertEquals((1.0 / 9 + 1.0 / 6) / 2, s(acc, 0, "self"), 1e-7);
        assertEquals((2.0 / 9 + 2.0 / 6) / 2, s(acc, 0, "cls"), 1e-7);
        // e1 = [CLS] a , b . [SEP] c . [SEP] (t = 9): "." at 4 and 7 -> rows 5 and 8; "," at 2 -> row 3.
        assertEquals((2.0 / 9 + 0) / 2, s(acc, 0, "period"), 1e-7);
        assertEquals((1.0 / 9 + 0) / 2, s(acc, 0, "comma"), 1e-7);
        // [SEP] at 5 and 8 in e1 (row 6 hits 5), at 2 and 5 in e2 (row 3 hits 2); [SEP] rows point at "." / "z".
        assertEquals((1.0 / 9 + 1.0 / 6) / 2, s(acc, 0, "sep"), 1e-7);
        assertEquals((0.0 + 0.0) / 2, s(acc, 0, "sep_to_sep"), 1e-7);
        // uniform head
        assertEquals((1.0 / 9 + 1.0 / 6) / 2, s(acc, 1, "next"), 1e-6);
        assertEquals((2.0 / 9 + 2.0 / 6) / 2, s(acc, 1, "sep"), 1e-6);
        assertEquals((2.0 / 9 + 0) / 2, s(acc, 1, "period"), 1e-6);
        assertEquals((Math.log(9) + Math.log(6)) / 2, s(acc, 1, "entropy"), 1e-6);
        assertEquals((Math.log(9) + Math.log(6)) / 2, s(acc, 1, "cls_entropy"), 1e-6);
        // all-to-first-[SEP] head: smoothed one-hot entropy.
        assertEquals(1.0, s(acc, 2, "sep"), 1e-7);
        assertEquals(1.0, s(acc, 2, "sep_to_sep"), 1e-7);
        assertEquals((oneHotEntropy(9) + oneHotEntropy(6)) / 2, s(acc, 2, "entropy"), 1e-9);
        // largest weight per row: 1 for the pointing heads, 1/T for the uniform head; no row is at most 0.1 (T < 10)
        assertEquals(1.0, s(acc, 0, "max_weight"), 1e-7);
        assertEquals((1.0 / 9 + 1.0 / 6) / 2, s(acc, 1, "max_weight"), 1e-6);
        assertEquals(0.0, s(acc, 1, "broad_rows"), 0.0);
        assertEquals(15, acc.tokens());
        assertEquals((Math.log(9) + Math.log(6)) / 2, acc.uniformEntropy(), 1e-12);
        assertEquals("previous", HeadBehaviour.label(acc, 0, 0, 0.5, 3.0));
        assertEquals("broad", HeadBehaviour.label(acc, 0, 1, 0.5, 1.0));
        assertEquals("other", HeadBehaviour.label(acc, 0, 1, 0.5, 3.0));
        assertEquals("sep", HeadBehaviour.label(acc, 0, 2, 0.5, 3.0));
    }

    @Test
    void findingsBesideThePaper() {
        // one layer: head 0 previous piece, head 1 uniform, head 2 all on the first [SEP]; a 16-piece and a 9-piece input
        Encoding e1 = Encodings.pair(ENC.encode(List.of("a", "b", "c", "d", "e", "f", "g")), ENC.encode(List.of("h", "i", "j", "k", "l", "m")));
        Encoding e2 = Encodings.pair(ENC.encode(List.of("a", ",", "b", ".")), ENC.encode(List.of("c", ".")));
        SurfaceAccumulator acc = new SurfaceAccumulator(1, 3);
        acc.add(e1, MODEL.attend(e1));
        acc.add(e2, MODEL.attend(e2));
        assertEquals(16, e1.length());
        // uniform head: rows of e1 put 1/16 <= 0.1 on every piece (broad), rows of e2 1/9 (not)
        assertEquals(0.5, s(acc, 1, "broad_rows"), 0.0);
        SurfaceFindings f = SurfaceFindings.of(acc);
        assertEquals(List.of(new SurfaceFindings.HeadValue("1-1", 1, 1.0)), f.previousHeads());
        assertEquals(List.of(), f.nextHeads());
        // [SEP] share averaged over the 3 heads: (1/16 + 1/9)/2 head 0, (2/16 + 2/9)/2 head 1, 1 head 2 -> 0.42 < 0.5
        assertArrayEquals(new int[0], f.sepLayers());
        // only the uniform head's mean largest weight, (1/16 + 1/9)/2 = 0.087, is at most 0.1
        assertEquals(List.of("1-2"), f.flatHeads().stream().map(SurfaceFindings.HeadValue::head).toList());
        assertEquals(12.5, f.meanTokens(), 0.0);
        assertEquals((s(acc, 0, "cls_entropy") + s(acc, 1, "cls_entropy") + s(acc, 2, "cls_entropy")) / 3, f.lastClsEntropy(), 1e-12);
        assertEquals("1-2", f.broadestHeads().get(0).head());
        assertEquals((1.0 / 16 + 1.0 / 9) / 2, f.broadestHeads().get(0).value(), 1e-6);
        String md = f.toMarkdown(3);
        assertTrue(md.contains("| heads > 50% on the previous token | 4, layers 2, 4, 7, 8 (Sect. 3.1) | 1, layers 1: 1-1 (1.00) |"), md);
        assertTrue(md.contains("3.89 nats (Sect. 3.3)"), md);
        var json = f.toJson(3);
        assertEquals(3.89, json.path("last_layer_cls_entropy").path("paper").asDouble(), 0.0);
        assertEquals(1, json.path("previous_over_half").path("ours_layers").get(0).asInt());
    }

    static double oneHotEntropy(int t) {
        double hi = 0.9999 + 0.0001 / t, lo = 0.0001 / t;
        return -(hi * Math.log(hi) + (t - 1) * lo * Math.log(lo));
    }

    static String par(String... words) {
        StringBuilder sb = new StringBuilder("# newpar\n");
        for (int i = 0; i < words.length; i++)
            sb.append(i + 1).append('\t').append(words[i]).append("\t_\tX\tX\t_\t").append(i == 0 ? 0 : 1).append("\tdep\t_\t_\n");
        return sb.append('\n').toString();
    }

    @Test
    void paragraphPairsRespectTheLimit() {
        String text = "# newdoc id = d\n" + par("a", "b", "c", "d", "e", "f") + par("g") + par("h", "i") + par("j");
        Document d = new ConlluReader(new StringReader(text), "d", false).documents().next();
        assertEquals(4, d.paragraphs().size());
        // 6+1 words + 3 specials = 10 > 9: pair (p1,p2) refused, (p2,p3) taken, p4 left alone.
        List<Encoding> pairs = ParagraphPairs.of(d, ENC, 9);
        assertEquals(1, pairs.size());
        assertArrayEquals(new String[]{"[CLS]", "g", "[SEP]", "h", "i", "[SEP]"}, pairs.get(0).pieces());
        assertEquals(2, ParagraphPairs.of(d, ENC, 10).size());
    }

    @Test
    void mergeAndJsonRoundTrip() throws Exception {
        Encoding e1 = Encodings.pair(ENC.encode(List.of("a", ",", "b")), ENC.encode(List.of("c", ".")));
        Encoding e2 = Encodings.pair(ENC.encode(List.of("x")), ENC.encode(List.of("y", "z")));
        SurfaceAccumulator whole = new SurfaceAccumulator(1, 3), a = new SurfaceAccumulator(1, 3), b = new SurfaceAccumulator(1, 3);
        whole.add(e1, MODEL.attend(e1));
        whole.add(e2, MODEL.attend(e2));
        a.add(e1, MODEL.attend(e1));
        b.add(e2, MODEL.attend(e2));
        a.merge(b);
        for (int h = 0; h < 3; h++) for (int k = 0; k < SurfaceAccumulator.STATS.length; k++) assertEquals(whole.mean(0, h, k), a.mean(0, h, k), 1e-12);
        ObjectMapper om = new ObjectMapper();
        SurfaceAccumulator back = SurfaceAccumulator.fromJson(om.readTree(om.writeValueAsString(whole.toJson())));
        assertEquals(whole.resultJson(), back.resultJson());
        assertThrows(IllegalArgumentException.class, () -> whole.add(e1, new SentenceAttention(new float[1][3][4][4])));
    }

    @Test
    void gradientAccumulatorSplitsByTarget() {
        Encoding e = Encodings.pair(ENC.encode(List.of("a", ",")), ENC.encode(List.of("b"))); // [CLS] a , [SEP] b [SEP]
        int t = e.length();
        float[][][][] g = new float[2][1][t][t];
        for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) g[1][0][i][j] = j == 3 || j == 5 ? -2f : j == 2 ? 1f : 0.5f;
        GradientAccumulator acc = new GradientAccumulator(2);
        acc.add(e, g);
        assertEquals(2.0, acc.mean(1, 0), 0);
        assertEquals(1.0, acc.mean(1, 1), 0);
        assertEquals(0.5, acc.mean(1, 2), 0);
        assertEquals(0.0, acc.mean(0, 0), 0);
    }
}
