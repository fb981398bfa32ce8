package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.conllu.Sentence;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The seeded random sentence sample and the balanced coreference pair sample, on GUM (the excerpt or the whole). */
class SamplingTest {
    static List<Sentence> read(java.nio.file.Path file) throws IOException {
        List<Sentence> out = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(file, false)) {
            r.forEach(out::add);
        }
        return out;
    }

    final List<Sentence> dev, train;

    SamplingTest() throws IOException {
        dev = read(GumData.dev());
        train = read(GumData.train());
    }

    private static Set<String> keys(List<Sentence> sents, SentenceSample s) {
        return sents.stream().filter(s::contains).map(FlowAccumulator::sentenceKey).collect(Collectors.toSet());
    }

    @Test
    void sentenceSampleDrawsExactlyNEligibleSentencesNestedBySize() {
        int n = Math.min(30, dev.size() / 2);
        SentenceSample all = SentenceSample.draw(dev, n, 7, s -> true);
        assertEquals(n, all.eligible());
        assertEquals(n, all.selected());
        assertEquals(n, keys(dev, all).size());
        // a smaller sample with the same seed is its prefix in hash order, so a subset
        SentenceSample small = SentenceSample.draw(dev, n / 3, 7, s -> true);
        assertTrue(keys(dev, all).containsAll(keys(dev, small)));
        List<Sentence> ordered = dev.stream().filter(all::contains).sorted(all.order()).toList();
        assertEquals(keys(dev, small), ordered.subList(0, n / 3).stream().map(FlowAccumulator::sentenceKey).collect(Collectors.toSet()));
        // another seed draws another sample; the same seed the same one
        assertNotEquals(keys(dev, all), keys(dev, SentenceSample.draw(dev, n, 8, s -> true)));
        assertEquals(keys(dev, all), keys(dev, SentenceSample.draw(dev, n, 7, s -> true)));
        // the threshold round-trips through the job option text
        assertEquals(all.threshold(), SentenceSample.parseThreshold(all.thresholdHex()));
    }

    @Test
    void ineligibleSentencesAreNotCountedButThoseUnderTheThresholdAreSelected() {
        int n = 20;
        SentenceSample s = SentenceSample.draw(dev, n, 3, x -> x.size() >= 10);
        Set<String> chosen = keys(dev, s);
        long eligibleChosen = dev.stream().filter(s::contains).filter(x -> x.size() >= 10).count();
        assertEquals(n, eligibleChosen);
        assertEquals(chosen.size(), s.selected());
        assertTrue(s.selected() >= n);
        // the n smallest hashes among the eligible sentences, by brute force
        List<String> expected = dev.stream().filter(x -> x.size() >= 10).map(FlowAccumulator::sentenceKey)
                .sorted((a, b) -> Long.compareUnsigned(SentenceSample.hash(3, a), SentenceSample.hash(3, b))).limit(n).toList();
        assertTrue(chosen.containsAll(expected));
    }

    @Test
    void sentenceSampleRefusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> SentenceSample.draw(dev, 0, 1, s -> true));
        assertThrows(IllegalArgumentException.class, () -> SentenceSample.draw(dev, 5, 1, s -> false));
        List<Sentence> twice = new ArrayList<>(dev.subList(0, 2));
        twice.add(dev.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentenceSample.draw(twice, 2, 1, s -> true));
        assertTrue(e.getMessage().contains("occurs twice"), e.getMessage());
    }

    @Test
    void pairSampleIsBalancedOnePairPerSentenceAndAlternates() {
        List<CorefPairSample.Corpus> corpora = List.of(new CorefPairSample.Corpus("dev", dev), new CorefPairSample.Corpus("train", train));
        long devCoref = dev.stream().filter(s -> CorefPairs.of(s).stream().anyMatch(CorefPairs.Pair::coreferent)).count();
        assertTrue(devCoref > 0, "the excerpt has coreferent pairs");
        // ask for more coreferent pairs than dev has: the rest come from train
        int per = (int) devCoref + 3;
        CorefPairSample sample = CorefPairSample.draw(corpora, per, 5, s -> true);
        assertEquals(per, sample.coreferent());
        assertEquals(per, sample.other());
        CorefPairSample.CorpusCounts d = sample.counts().get(0), t = sample.counts().get(1);
        assertEquals(devCoref, d.withCoreferentPair());
        assertEquals(devCoref, d.drawnCoreferent());
        assertEquals(3, t.drawnCoreferent());
        assertEquals(per, d.drawnOther() + t.drawnOther());
        Set<String> sentences = new HashSet<>();
        for (int i = 0; i < sample.pairs().size(); i++) {
            CorefPairSample.Drawn p = sample.pairs().get(i);
            assertEquals(i % 2 == 0, p.pair().coreferent(), "alternating order at " + i);
            assertTrue(sentences.add(p.corpus() + "|" + p.sentenceKey()), "one pair per sentence");
            assertTrue(CorefPairs.of(p.sentence()).contains(p.pair()), "a pair of its sentence");
        }
        // the other group fills from dev first: dev is not exhausted there, so train gives none unless dev ran out
        long devOtherLeft = dev.stream().filter(s -> CorefPairs.of(s).stream().anyMatch(x -> !x.coreferent())).count();
        if (devOtherLeft - d.drawnCoreferent() >= per) assertEquals(0, t.drawnOther());
        // deterministic for a seed, different across seeds
        assertEquals(sample.pairs(), CorefPairSample.draw(corpora, per, 5, s -> true).pairs());
        assertNotEquals(sample.pairs(), CorefPairSample.draw(corpora, per, 6, s -> true).pairs());
    }

    @Test
    void pairSampleRespectsEligibilityAndReportsAShortfall() {
        List<CorefPairSample.Corpus> corpora = List.of(new CorefPairSample.Corpus("dev", dev));
        CorefPairSample s = CorefPairSample.draw(corpora, 100_000, 1, x -> x.size() < 15);
        for (CorefPairSample.Drawn p : s.pairs()) assertTrue(p.sentence().size() < 15);
        assertTrue(s.coreferent() < 100_000);
        assertEquals(s.counts().get(0).withCoreferentPair(), s.coreferent());
        assertThrows(IllegalArgumentException.class, () -> CorefPairSample.draw(corpora, 0, 1, x -> true));
        assertThrows(IllegalArgumentException.class, () -> CorefPairSample.draw(List.of(corpora.get(0), corpora.get(0)), 1, 1, x -> true));
    }
}
