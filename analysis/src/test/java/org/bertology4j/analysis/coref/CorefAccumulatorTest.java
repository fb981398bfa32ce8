package org.bertology4j.analysis.coref;

import org.bertology4j.analysis.attention.BatchAttentionSource;
import org.bertology4j.analysis.conllu.GumData;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.FakeEncoder;
import org.bertology4j.analysis.attention.SyntheticAttention;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.bertology4j.analysis.coref.MentionType.*;
import static org.junit.jupiter.api.Assertions.*;

class CorefAccumulatorTest {
    static final FakeEncoder ONE_PIECE = new FakeEncoder(100);

    static String w(int id, String form, String upos, String feats, int head, String rel, String misc) {
        return id + "\t" + form + "\t" + form.toLowerCase() + "\t" + upos + "\t_\t" + feats + "\t" + head + "\t" + rel + "\t_\t" + misc + "\n";
    }

    static final String DOC = "# newdoc id = d\n# sent_id = 1\n"
            + w(1, "John", "PROPN", "Number=Sing", 2, "nsubj", "Entity=(1-person)")
            + w(2, "saw", "VERB", "_", 0, "root", "_")
            + w(3, "Mary", "PROPN", "Number=Sing|Gender=Fem", 2, "obj", "Entity=(2-person)")
            + w(4, ".", "PUNCT", "_", 2, "punct", "_") + "\n# sent_id = 2\n"
            + w(1, "He", "PRON", "Number=Sing|Person=3|Gender=Masc", 2, "nsubj", "Entity=(1-person)")
            + w(2, "greeted", "VERB", "_", 0, "root", "_")
            + w(3, "her", "PRON", "Number=Sing|Person=3|Gender=Fem", 2, "obj", "Entity=(2-person)")
            + w(4, ".", "PUNCT", "_", 2, "punct", "_") + "\n# sent_id = 3\n"
            + w(1, "The", "DET", "_", 2, "det", "Entity=(1-person")
            + w(2, "man", "NOUN", "Number=Sing", 3, "nsubj", "Entity=1)")
            + w(3, "left", "VERB", "_", 0, "root", "_")
            + w(4, ".", "PUNCT", "_", 3, "punct", "_") + "\n";

    static Document doc() {
        return new ConlluReader(new StringReader(DOC), "doc.conllu", false).documents().next();
    }

    /** 1 layer x 2 heads: head 0 points every piece at "John" (piece 1); head 1 at the previous piece. */
    static final AttentionSource MODEL = e -> SyntheticAttention.build(1, 2, e.length(), (l, h) -> {
        int[] target = new int[e.length()];
        for (int p = 0; p < e.length(); p++) target[p] = h == 0 ? 1 : Math.max(0, p - 1);
        return SyntheticAttention.pointing(target);
    });

    @Test
    void handCheckedSegment() {
        CorefAccumulator acc = CorefAnalysis.run(List.of(doc()).iterator(), ONE_PIECE, BatchAttentionSource.sequential(MODEL), 128, new CorefAccumulator(1, 2), 0, null);
        assertEquals(1, acc.segments());
        assertEquals(2, acc.mentions(PRONOUN));
        assertEquals(0, acc.mentions(PROPER));
        assertEquals(1, acc.mentions(NOMINAL));
        // nearest: He->Mary, her->He, the man->her: all wrong. head match falls back to nearest.
        for (MentionType t : MentionType.values()) {
            assertEquals(0, acc.baselineCorrect(0, t));
            assertEquals(0, acc.baselineCorrect(1, t));
        }
        // sieve (agreement): He->John right, her->Mary right, the man->her (no gender on "man") wrong.
        assertEquals(2, acc.baselineCorrect(2, PRONOUN));
        assertEquals(0, acc.baselineCorrect(2, NOMINAL));
        // head 0 (-> John): He right, her wrong, man right. head 1 (previous word): all wrong.
        assertEquals(1, acc.headCorrect(0, 0, PRONOUN));
        assertEquals(1, acc.headCorrect(0, 0, NOMINAL));
        assertEquals(2.0 / 3, acc.headAccuracy(0, 0, null), 1e-12);
        assertEquals(0.0, acc.headAccuracy(0, 1, null));
        assertArrayEquals(new int[]{0, 0}, acc.bestHead(null));
        String md = acc.toMarkdown();
        assertTrue(md.contains("| Rule-based sieve | 66.7 | 100.0 | NaN | 0.0 |"), md);
        assertTrue(md.contains("| Head 1-1 | 66.7 | 50.0 | NaN | 100.0 |"), md);
        assertEquals("1-1", acc.resultJson().get("best").get("all").get("head").asText());
    }

    @Test
    void segmentsRespectTheLimitAndMentionsNeedAnAntecedentInTheirSegment() {
        // 10 pieces: sentences 1+2 (2 + 8) fit, sentence 3 starts a new segment where "the man" has no antecedent.
        CorefSegment.Cut cut = CorefSegment.cut(doc(), ONE_PIECE, 10);
        assertEquals(2, cut.segments().size());
        assertEquals(0, cut.skippedSentences());
        assertEquals(10, cut.segments().get(0).encoding().length());
        CorefAccumulator acc = CorefAnalysis.run(List.of(doc()).iterator(), ONE_PIECE, BatchAttentionSource.sequential(MODEL), 10, new CorefAccumulator(1, 2), 0, null);
        assertEquals(2, acc.mentions(PRONOUN));
        assertEquals(0, acc.mentions(NOMINAL));
        // 5 pieces: every sentence is 4 words + 2 specials = 6 > 5 -> all skipped.
        CorefSegment.Cut none = CorefSegment.cut(doc(), ONE_PIECE, 5);
        assertEquals(0, none.segments().size());
        assertEquals(3, none.skippedSentences());
        // Segment word positions: "The man" head is "man" = word 9 of the one-segment encoding.
        CorefSegment seg = CorefSegment.cut(doc(), ONE_PIECE, 128).segments().get(0);
        SegmentMention man = seg.mentions().get(seg.mentions().size() - 1);
        assertEquals(9, man.head());
        assertEquals("the man", man.text());
        assertEquals(NOMINAL, man.type());
    }

    @Test
    void gumShardsMergeExactly() throws Exception {
        List<Document> docs = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(GumData.dev(), false)) {
            Iterator<Document> it = r.documents();
            for (int i = 0; i < 4; i++) docs.add(it.next());
        }
        FakeEncoder enc = new FakeEncoder(4);
        CorefAccumulator whole = CorefAnalysis.run(docs.iterator(), enc, BatchAttentionSource.sequential(MODEL), 128, new CorefAccumulator(1, 2), 0, null);
        assertTrue(whole.mentions(PRONOUN) > 10 && whole.mentions(NOMINAL) > 10, whole.toMarkdown());
        CorefAccumulator a = CorefAnalysis.run(docs.subList(0, 2).iterator(), enc, BatchAttentionSource.sequential(MODEL), 128, new CorefAccumulator(1, 2), 0, null);
        CorefAccumulator b = CorefAnalysis.run(docs.iterator(), enc, BatchAttentionSource.sequential(MODEL), 128, new CorefAccumulator(1, 2), 2, null);
        a.merge(b);
        assertEquals(whole.toJson(), a.toJson());
        ObjectMapper om = new ObjectMapper();
        CorefAccumulator back = CorefAccumulator.fromJson(om.readTree(om.writeValueAsString(whole.toJson())));
        assertEquals(whole.resultJson(), back.resultJson());
        assertThrows(IllegalArgumentException.class, () -> CorefAccumulator.fromJson(whole.resultJson()));
    }
}
