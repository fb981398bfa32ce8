package org.bertology4j.analysis.heads;

import org.bertology4j.analysis.attention.BatchAttentionSource;
import org.bertology4j.analysis.conllu.GumData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.FakeEncoder;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.SyntheticAttention;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.conllu.Word;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HeadsAccumulatorTest {
    static List<Sentence> dev = new ArrayList<>();
    static final FakeEncoder ENC = new FakeEncoder(3);

    @BeforeAll
    static void load() throws IOException {
        try (ConlluReader r = ConlluReader.open(GumData.dev(), false)) {
            for (Sentence s : r) { if (dev.size() == 60) break; dev.add(s); }
        }
    }

    /**
     * 2 layers x 3 heads. (0,1): every piece of a word points at the first piece of its gold head (root -> [CLS]).
     * (1,0): every piece of a head word spreads its mass evenly over its dependents' first pieces (none -> [SEP]).
     * (1,2): previous piece. Others uniform.
     */
    static final AttentionSource MODEL = (Encoding e) -> {
        int t = e.length();
        int[] first = SyntheticAttention.firstPieces(e);
        List<String> words = e.words();
        Sentence s = dev.stream().filter(x -> x.forms().equals(words)).findFirst().orElseThrow();
        return SyntheticAttention.build(2, 3, t, (l, h) -> {
            if (l == 0 && h == 1) {
                int[] target = new int[t];
                for (int p = 0; p < t; p++) {
                    int w = e.wordIndex()[p];
                    target[p] = w < 0 ? 0 : s.words().get(w).head() == 0 ? 0 : first[s.words().get(w).head() - 1];
                }
                return SyntheticAttention.pointing(target);
            }
            if (l == 1 && h == 0) {
                float[][] a = new float[t][t];
                for (int p = 0; p < t; p++) {
                    int w = e.wordIndex()[p];
                    List<Integer> deps = new ArrayList<>();
                    if (w >= 0) for (Word d : s.words()) if (d.head() == w + 1) deps.add(d.id() - 1);
                    if (deps.isEmpty()) a[p][t - 1] = 1f;
                    else for (int d : deps) a[p][first[d]] = 1f / deps.size();
                }
                return a;
            }
            if (l == 1 && h == 2) {
                int[] target = new int[t];
                for (int p = 0; p < t; p++) target[p] = Math.max(0, p - 1);
                return SyntheticAttention.pointing(target);
            }
            return null;
        });
    };

    static HeadsAccumulator run(List<Sentence> sents) {
        return HeadsAnalysis.run(sents, ENC, BatchAttentionSource.sequential(MODEL), 10_000, 5, new HeadsAccumulator(2, 3), null);
    }

    @Test
    void oracleHeadsAreExactAndOthersMatchIndependentCounts() {
        HeadsAccumulator acc = run(dev);
        HeadsResult r = acc.result();
        long words = dev.stream().mapToLong(Sentence::size).sum();
        long nonRoot = dev.stream().flatMap(s -> s.words().stream()).filter(w -> w.head() != 0).count();
        // root dependents are counted (as in Clark et al.'s "all") but no head can get them right
        assertEquals(words, acc.overall().count());
        assertEquals(dev.size(), acc.byRelation().get("root").count());
        // word split rate (Clark 4.1): the test encoder cuts words into chunks of 3 characters
        long longer = dev.stream().flatMap(s -> s.words().stream()).filter(w -> w.form().length() > 3).count();
        assertEquals(words, acc.words());
        assertEquals(longer, acc.splitWords());
        assertEquals((double) longer / words, r.toJson().path("word_split").path("rate").asDouble(), 1e-15);
        assertTrue(r.toMarkdown(50).contains(String.format(java.util.Locale.ROOT, "%d of %d", longer, words)));
        assertEquals(nonRoot, acc.overall().correct(1, 0));   // oracle dep->head: every non-root word
        assertEquals(nonRoot, acc.overall().correct(3, 1));   // oracle head<-dep
        // Uniform piece rows: at word level a row favours the word with most pieces (lowest index on ties);
        // a column is constant -> lowest other word (word 0, or word 1 for word 0).
        // Previous-piece head at word level: the previous word (word 0 falls back to word 1 after dropping [CLS]).
        long uniformRowHits = 0, uniformHits = 0, prevHits = 0, offsetMinus1 = 0, offsetPlus1 = 0;
        for (Sentence s : dev)
            for (int i = 0; i < s.size(); i++) {
                int gold = s.words().get(i).head() - 1; // -1 for the root: the offset -1 of word 0 predicts it
                if (gold == (i == 0 ? 1 : 0)) uniformHits++;
                int most = -1, mostPieces = -1;
                for (int j = 0; j < s.size(); j++) {
                    int pieces = ENC.encode(List.of(s.words().get(j).form())).length() - 2;
                    if (j != i && pieces > mostPieces) { most = j; mostPieces = pieces; }
                }
                if (gold >= 0 && gold == most) uniformRowHits++; // a one-word sentence has no other word
                if (gold == (i == 0 ? 1 : i - 1)) prevHits++;
                if (gold == i - 1) offsetMinus1++;
                if (gold == i + 1) offsetPlus1++;
            }
        assertEquals(uniformRowHits, acc.overall().correct(0, 0));
        assertEquals(uniformHits, acc.overall().correct(0, 1));
        assertEquals(prevHits, acc.overall().correct(1 * 3 + 2, 0));
        assertEquals(offsetMinus1, acc.overall().offsetCorrect(2));
        assertEquals(offsetPlus1, acc.overall().offsetCorrect(3));
        // Best head per relation is the first oracle (ties broken towards the lowest layer/head/direction).
        for (int p = 0; p < 6; p++) for (int d = 0; d < 2; d++) assertEquals(0, acc.byRelation().get("root").correct(p, d));
        for (String rel : acc.byRelation().keySet()) {
            if (rel.equals("root") || rel.equals(HeadsAccumulator.POSS_RULE)) continue;
            HeadsResult.Best b = r.best(rel);
            HeadsAccumulator.Tally t = acc.byRelation().get(rel);
            assertEquals(1.0, b.accuracy(), rel);
            int order = (b.layer() * 3 + b.head()) * 2 + b.direction();
            assertTrue(order <= 2, rel); // never later than the oracle 1-2 dep->head
            for (int k = 0; k < order; k++) assertTrue(r.accuracy(t, k / 6, (k / 2) % 3, k % 2) < 1.0, rel);
        }
        // Base labels pool full labels.
        long nmodAll = acc.byRelation().entrySet().stream().filter(e -> !e.getKey().equals(HeadsAccumulator.POSS_RULE))
                .filter(e -> e.getKey().split(":")[0].equals("nmod")).mapToLong(e -> e.getValue().count()).sum();
        assertEquals(nmodAll, acc.byBaseRelation().get("nmod").count());
        // Clark's possessive rule: with a following clitic the clitic's prediction is scored. The oracle sends the
        // clitic ("case") to the possessor, never to the possessed noun, so only possessors without one score.
        long poss = 0, withClitic = 0, plusOneWithRule = 0;
        for (Sentence s : dev)
            for (int i = 0; i < s.size(); i++) {
                if (!s.words().get(i).deprel().equals("nmod:poss")) continue;
                poss++;
                boolean clitic = i + 1 < s.size() && List.of("'s", "'", "’s", "’").contains(s.words().get(i + 1).form());
                if (clitic) withClitic++;
                int from = clitic ? i + 1 : i;
                if (Math.min(s.size(), from + 2) == s.words().get(i).head()) plusOneWithRule++;
            }
        assertTrue(withClitic > 0, "the sample should contain a possessive clitic");
        HeadsAccumulator.Tally rule = acc.byRelation().get(HeadsAccumulator.POSS_RULE);
        assertEquals(poss, rule.count());
        assertEquals(poss - withClitic, rule.correct(1, 0));
        assertEquals(plusOneWithRule, rule.offsetCorrect(3));
    }

    @Test
    void shardsMergeExactlyAndJsonRoundTrips() throws IOException {
        HeadsAccumulator whole = run(dev);
        HeadsAccumulator a = run(dev.subList(0, 25)), b = run(dev.subList(25, dev.size()));
        a.merge(b);
        ObjectMapper om = new ObjectMapper();
        assertEquals(whole.toJson(), a.toJson());
        JsonNode back = om.readTree(om.writeValueAsString(whole.toJson()));
        HeadsAccumulator restored = HeadsAccumulator.fromJson(back);
        assertEquals(whole.toJson(), restored.toJson());
        assertEquals(whole.result().toJson(), restored.result().toJson());
        // Resume: a restored partial accumulator continues where it stopped.
        HeadsAccumulator partial = HeadsAccumulator.fromJson(om.readTree(om.writeValueAsString(run(dev.subList(0, 25)).toJson())));
        HeadsAnalysis.run(dev, ENC, BatchAttentionSource.sequential(MODEL), 10_000, 5, partial, null);
        assertEquals(whole.toJson(), partial.toJson());
    }

    @Test
    void reportLayout() {
        HeadsAccumulator acc = run(dev);
        JsonNode j = acc.result().toJson();
        assertEquals(60, j.get("sentences").asInt());
        JsonNode nsubj = j.get("relations").get("nsubj");
        assertEquals(acc.byRelation().get("nsubj").count(), nsubj.get("count").asLong());
        assertEquals("1-2", nsubj.get("best").get("head").asText());
        assertEquals(1.0, nsubj.get("best").get("accuracy").asDouble());
        assertEquals(1.0, nsubj.get("heads").get("2-1").get("head<-dep").asDouble());
        assertTrue(nsubj.get("best_offset").has("offset"));
        // full and base labels side by side; punct and root included; a bare label keeps its exact counts
        assertTrue(j.get("relations").has("punct") && j.get("relations").has("root"));
        for (String full : acc.byRelation().keySet()) {
            assertEquals(acc.byRelation().get(full).count(), j.get("relations").get(full).get("count").asLong(), full);
            String base = full.split(":")[0];
            assertTrue(j.get("relations").has(base), base);
            if (!acc.byRelation().containsKey(base)) assertEquals(acc.byBaseRelation().get(base).count(), j.get("relations").get(base).get("count").asLong());
            assertEquals(acc.byBaseRelation().get(base).count(), j.get("base_relations").get(base).get("count").asLong());
        }
        String md = acc.result().toMarkdown(5);
        assertTrue(md.contains("| nsubj | " + nsubj.get("count").asLong() + " | 1-2 | dep->head | 100.0 |"), md);
    }

    @Test
    void skipsLongSentencesAndTiesGoToLowestIndex() {
        HeadsAccumulator acc = HeadsAnalysis.run(dev.subList(0, 10), ENC, BatchAttentionSource.sequential(MODEL), 12, 5, new HeadsAccumulator(2, 3), null);
        long longOnes = dev.subList(0, 10).stream().filter(s -> ENC.encode(s.forms()).length() > 12).count();
        assertTrue(longOnes > 0);
        assertEquals(longOnes, acc.skipped());
        assertEquals(10 - longOnes, acc.sentences());

        // A one-word sentence: its only word depends on the root and is never counted correct.
        Sentence single = new ConlluReader(new StringReader("1\tyes\tyes\tX\tX\t_\t0\troot\t_\t_\n"), "t", false).next();
        HeadsAccumulator oneWord = new HeadsAccumulator(1, 1);
        float[][] m1 = {{.2f, .5f, .3f}, {.1f, .1f, .8f}, {.3f, .3f, .4f}};
        oneWord.add(single, new SentenceAttention(new float[][][][]{{m1}}), org.bertology4j.analysis.attention.WordUnits.of(ENC.encode(single.forms())));
        assertEquals(1, oneWord.overall().count());
        assertEquals(0, oneWord.overall().correct(0, 0));
        assertEquals(0, oneWord.overall().correct(0, 1));

        // 3 words, "a <- b -> c"; the head's row ties b->a and b->c; a's row ties.
        String conllu = "1\ta\ta\tX\tX\t_\t2\tdet\t_\t_\n2\tb\tb\tX\tX\t_\t0\troot\t_\t_\n3\tc\tc\tX\tX\t_\t2\tobj\t_\t_\n";
        Sentence s = new ConlluReader(new StringReader(conllu), "t", false).next();
        Encoding e = ENC.encode(s.forms());
        // pieces: [CLS] a b c [SEP]; rows: a -> {b: .5, c: .5}, b -> {a: .5, c: .5}, c -> {a: .5, b: .5}
        float[][] m = {{1, 0, 0, 0, 0}, {0, 0, .5f, .5f, 0}, {0, .5f, 0, .5f, 0}, {0, .5f, .5f, 0, 0}, {0, 0, 0, 0, 1}};
        HeadsAccumulator one = new HeadsAccumulator(1, 1);
        one.add(s, new SentenceAttention(new float[][][][]{{m}}), org.bertology4j.analysis.attention.WordUnits.of(e));
        // dep->head: a -> b (lowest of the tie b,c) correct; c -> a (tie a,b) wrong.
        assertEquals(1, one.byRelation().get("det").correct(0, 0));
        assertEquals(0, one.byRelation().get("obj").correct(0, 0));
        // head<-dep: column a: rows b,c tie -> b, correct; column c: rows a,b tie -> a, wrong.
        assertEquals(1, one.byRelation().get("det").correct(0, 1));
        assertEquals(0, one.byRelation().get("obj").correct(0, 1));
    }
}
