package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.distributed.AnalysisModel;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The coreference pair study: the engine's pair flow (gradient rows of the pronoun's pieces only) equals the whole
 * maps' entry, the loop resumes exactly, and a run stopped at its time limit writes a partial result that the same
 * call completes.
 */
class PairRunTest {
    final List<Sentence> dev;

    PairRunTest() throws IOException {
        dev = SamplingTest.read(GumData.dev());
    }

    private static String json(CorefFlowAccumulator acc) {
        try {
            return FlowAccumulator.JSON.writeValueAsString(acc);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Sentence withSplitWords(List<Sentence> sents) {
        // a sentence with a pair whose words split into several pieces exercises the word-level aggregation
        return sents.stream().filter(s -> !CorefPairs.of(s).isEmpty()).filter(s -> s.size() <= 25).findFirst().orElseThrow();
    }

    @Test
    void engineInPairModeEqualsTheWholeMapsEntry() throws IOException {
        TinyModelDirectory.Loaded tiny = TinyModelDirectory.shared();
        BertModel model = BertModel.load(tiny.dir(), DataType.DOUBLE);
        BertTokenizer tok = tiny.tokenizer();
        for (JacobianNorms.Measure m : JacobianNorms.Measure.values()) {
            EngineFlowSource source = new EngineFlowSource(model, tok, m, 128);
            Sentence s = withSplitWords(dev);
            FlowMaps maps = source.compute(s);
            int pairs = 0;
            for (int t1 = 0; t1 < s.size() && pairs < 6; t1 += 3) {
                for (int t2 = 0; t2 < s.size() && pairs < 6; t2 += 4) {
                    double[][] expected = PairFlowSource.values(maps, t1, t2), actual = source.compute(s, t1, t2);
                    for (int k = 0; k < expected.length; k++) {
                        for (int n = 0; n < expected[k].length; n++) {
                            assertEquals(expected[k][n], actual[k][n], 1e-12 * Math.max(1, Math.abs(expected[k][n])),
                                    m + " measure " + k + " layer " + n + " pair " + t1 + "->" + t2);
                        }
                    }
                    pairs++;
                }
            }
        }
        EngineFlowSource source = new EngineFlowSource(model, tok, JacobianNorms.Measure.ONES_VJP, 5);
        Sentence s = withSplitWords(dev);
        assertNull(source.compute(s, 0, 1), "over the piece limit: skipped");
        assertFalse(source.fits(s));
        assertThrows(IndexOutOfBoundsException.class, () -> new EngineFlowSource(model, tok, JacobianNorms.Measure.ONES_VJP, 128)
                .compute(s, 0, s.size()));
    }

    @Test
    void theLoopResumesExactlyAndRefusesASkippedPair() {
        List<CorefPairSample.Drawn> pairs = CorefPairSample.draw(List.of(new CorefPairSample.Corpus("dev", dev)), 4, 2, x -> true).pairs();
        PairFlowSource src = PairFlowSource.of(s -> FlowFixtures.noisy(s, 3));
        CorefFlowAccumulator whole = new CorefFlowAccumulator(3);
        CorefPairStudy.run(pairs, src, whole, 0, n -> {});
        assertEquals(pairs.size(), whole.items().size());
        CorefFlowAccumulator part = new CorefFlowAccumulator(3);
        List<Long> done = new ArrayList<>();
        CorefPairStudy.run(pairs.subList(0, 3), src, part, 0, done::add);
        CorefPairStudy.run(pairs, src, part, 3, done::add);
        assertEquals(pairs.size(), done.size());
        assertEquals(json(whole), json(part));
        // values land where CorefFlowAccumulator.add(key, sentence, maps) puts the same pair
        CorefPairSample.Drawn first = pairs.get(0);
        CorefFlowAccumulator.Item item = whole.items().get(0);
        assertArrayEquals(PairFlowSource.values(FlowFixtures.noisy(first.sentence(), 3), first.pair().noun(), first.pair().pronoun())[1],
                item.values()[1]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CorefPairStudy.run(pairs, (s, a, b) -> null, new CorefFlowAccumulator(3), 0, n -> {}));
        assertTrue(e.getMessage().contains(first.sentenceKey()), e.getMessage());
    }

    @Test
    void aRunStoppedAtItsTimeLimitIsPartialAndTheSameCallCompletesIt(@TempDir Path out) throws IOException {
        TinyModelDirectory.Loaded tiny = TinyModelDirectory.shared();
        AnalysisModel model = new AnalysisModel(tiny.dir(), tiny.model(), tiny.tokenizer());
        CorefPairStudy.Options o = CorefPairStudy.Options.of(List.of(GumData.dev()), 3, 4).withCheckpointInterval(Duration.ZERO);
        CorefPairStudy.Result whole = new CorefPairStudy(model, o).run(Files.createDirectories(out.resolve("whole")));
        assertTrue(whole.complete());
        assertEquals(6, whole.pairsDone());
        // a limit that has passed before the first pair ends: the run stops after one pair
        CorefPairStudy.Result part = new CorefPairStudy(model, o.withTimeLimit(Duration.ofNanos(1))).run(out.resolve("chunks"));
        assertFalse(part.complete());
        assertEquals(1, part.pairsDone());
        part.write(out.resolve("chunks"), false);
        String json = Files.readString(out.resolve("chunks/flow-coref-pairs.json"));
        assertTrue(json.contains("\"complete\" : false") && json.contains("\"pairs_done\" : 1"), json);
        assertTrue(part.note().contains("PARTIAL"), part.note());
        CorefPairStudy.Result rest = new CorefPairStudy(model, o).run(out.resolve("chunks"));
        assertTrue(rest.complete());
        assertEquals(1, rest.resumed());
        assertEquals(json(whole.accumulator()), json(rest.accumulator()));
        List<Path> files = rest.write(out.resolve("chunks"), true);
        assertTrue(files.contains(out.resolve("chunks/flow-coref-pairs-G.png")));
        assertEquals(7, Files.readAllLines(out.resolve("chunks/flow-coref-pairs-sample.tsv")).size());
        // another seed is another run: its checkpoint is refused
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CorefPairStudy(model, CorefPairStudy.Options.of(List.of(GumData.dev()), 3, 5)).run(out.resolve("chunks")));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }
}
