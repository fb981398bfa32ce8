package org.bertology4j.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.coref.CorefAccumulator;
import org.bertology4j.analysis.coref.CorefAnalysis;
import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.analysis.heads.HeadsAnalysis;
import org.bertology4j.analysis.flow.EngineFlowSource;
import org.bertology4j.analysis.flow.FlowAccumulator;
import org.bertology4j.analysis.flow.FlowMaps;
import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.corpus.Limited;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The distributed protocol (scan, slice, per-slice run from bytes, JSON, merge) run in-process against a plain
 * single pass with the analysis API, on the first documents of GUM dev and a tiny random model.
 */
class InProcessRunnerTest {
    static final Path GUM_DEV = DocumentScannerTest.GUM_DEV;
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path model, corpus;
    static List<Document> docs;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(GUM_DEV.toFile().isFile(), "GUM dev not available");
        model = TinyModelDirectory.write(tmp.resolve("tiny"), 17);
        // The first 2 documents, to keep the test quick.
        List<Document> all = ConlluReader.readDocuments(GUM_DEV);
        List<String> lines = Files.readAllLines(GUM_DEV);
        int end = (int) all.get(2).sentences().get(0).firstLine() - 1;
        // step back over the comment lines of document 7's first block (they start at its newdoc line)
        while (end > 0 && lines.get(end - 1).startsWith("#")) end--;
        corpus = tmp.resolve("gum-dev-2.conllu");
        Files.write(corpus, lines.subList(0, end));
        docs = ConlluReader.readDocuments(corpus);
        assertEquals(2, docs.size());
    }

    @Test
    void headsOverSlicesEqualsOnePass() {
        AnalysisModel m = ExecutorModels.get(model.toString());
        for (long limit : new long[]{-1, 45}) {
            List<Sentence> sentences = new ArrayList<>();
            docs.forEach(d -> sentences.addAll(d.sentences()));
            HeadsAccumulator single = HeadsAnalysis.run(Limited.of(sentences, limit), m.encoder(), m.attention(), 512, 64,
                    new HeadsAccumulator(2, 4), null);
            CorpusJob<HeadsAccumulator> job = CorpusJob.of(CorpusAnalyses.heads(), corpus.toString(), CorpusFormat.CONLLU,
                    model.toString(), false, 512, limit, 4);
            HeadsAccumulator distributed = new InProcessRunner().run("ignored", job);
            assertTrue(single.sentences() > 40, "sentences analysed: " + single.sentences());
            assertEquals(single.toJson(), distributed.toJson(), "heads, limit " + limit);
        }
    }

    @Test
    void corefOverSlicesEqualsOnePass() {
        AnalysisModel m = ExecutorModels.get(model.toString());
        CorefAccumulator single = CorefAnalysis.run(docs.iterator(), m.encoder(), m.attention(), 128, new CorefAccumulator(2, 4), 0, null);
        CorefAccumulator distributed = new InProcessRunner().run("", CorpusJob.of(CorpusAnalyses.coref(), corpus.toString(),
                CorpusFormat.CONLLU, model.toString(), false, 128, -1, 3));
        assertTrue(single.segments() > 2);
        assertEquals(single.toJson(), distributed.toJson());
    }

    @Test
    void surfaceWithGradientsOverSlicesEqualsOnePassUpToSummationOrder() throws IOException {
        AnalysisModel m = ExecutorModels.get(model.toString());
        CorpusJob<SurfacePass> job = CorpusJob.of(CorpusAnalyses.surface(), corpus.toString(),
                CorpusFormat.CONLLU, model.toString(), false, 128, 2, 2).withOption("gradients", true).withOption("seed", 5);
        SurfacePass single = CorpusAnalyses.surface().createFor(m.model().config(), job);
        CorpusAnalyses.surface().run(docs.subList(0, 2).iterator(), m, job, single);
        SurfacePass distributed = new InProcessRunner().run("", job);
        assertTrue(single.sequences() > 3);
        assertTrue(single.gradients() != null && distributed.gradients() != null, "gradient sections");
        assertEquals(single.sequences(), distributed.sequences());
        JsonComparison.assertClose(JSON.readTree(single.toJson().toString()), JSON.readTree(distributed.toJson().toString()), 1e-9);
        // The masking seed matters: another seed gives other gradients (so the comparison above can fail).
        SurfacePass otherSeed = new InProcessRunner().run("", job.withOption("seed", 6));
        assertThrows(AssertionError.class, () -> JsonComparison.assertClose(JSON.readTree(single.gradients().toJson().toString()),
                JSON.readTree(otherSeed.gradients().toJson().toString()), 1e-9));
    }

    @Test
    void clusterOverSlicesEqualsOnePass() throws IOException {
        AnalysisModel m = ExecutorModels.get(model.toString());
        CorpusJob<SurfacePass> job = CorpusJob.of(CorpusAnalyses.cluster(), corpus.toString(),
                CorpusFormat.CONLLU, model.toString(), false, 128, -1, 3);
        SurfacePass single = CorpusAnalyses.cluster().createFor(m.model().config(), job);
        CorpusAnalyses.cluster().run(docs.iterator(), m, job, single);
        SurfacePass distributed = new InProcessRunner().run("", job);
        assertTrue(single.distances().sequences() > 3 && single.gradients() == null);
        JsonComparison.assertClose(JSON.readTree(single.toJson().toString()), JSON.readTree(distributed.toJson().toString()), 1e-9);
    }

    @Test
    void sampledFlowOverSlicesEqualsOnePass() throws IOException {
        AnalysisModel m = ExecutorModels.get(model.toString());
        int every = 3;
        List<Sentence> sentences = new ArrayList<>();
        docs.forEach(d -> sentences.addAll(d.sentences()));
        long limit = sentences.size() - 5; // corpus sentences, cut inside the second document
        assertTrue(limit > docs.get(0).sentences().size() + every, "limit " + limit);
        EngineFlowSource source = new EngineFlowSource(m.model(), m.tokenizer(), EngineFlowSource.measure("ones"), 128);
        FlowAccumulator single = new FlowAccumulator(2);
        for (int i = 0; i < limit; i += every) {
            FlowMaps maps = source.compute(sentences.get(i));
            if (maps == null) single.skip(); else single.add(sentences.get(i), maps);
        }
        CorpusJob<FlowAccumulator> job = CorpusJob.of(CorpusAnalyses.flow(), corpus.toString(), CorpusFormat.CONLLU,
                model.toString(), false, 128, limit, 4).withOption("every", every);
        FlowAccumulator distributed = new InProcessRunner().run("", job);
        assertEquals((limit + every - 1) / every, distributed.sentencesSeen());
        assertEquals(single.sentencesSeen(), distributed.sentencesSeen());
        JsonComparison.assertClose(JSON.readTree(single.toJson()), JSON.readTree(distributed.toJson()), 1e-9);
        JsonComparison.assertClose(JSON.readTree(single.report(1).toJson()), JSON.readTree(distributed.report(1).toJson()), 1e-9);
    }

    @Test
    void textCorpusRunsSurfaceButHeadsNeedsConllu() throws IOException {
        Path text = tmp.resolve("text.txt");
        StringBuilder b = new StringBuilder();
        for (Document d : docs.subList(0, 2)) {
            for (Sentence s : d.sentences()) b.append(String.join(" ", s.forms())).append('\n');
            b.append('\n');
        }
        Files.writeString(text, b);
        SurfacePass acc = new InProcessRunner().run("", CorpusJob.of(CorpusAnalyses.surface(), text.toString(),
                CorpusFormat.TEXT, model.toString(), false, 128, -1, 2));
        assertTrue(acc.sequences() >= 3, "sequences: " + acc.sequences());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CorpusJob.of(CorpusAnalyses.heads(),
                text.toString(), CorpusFormat.TEXT, model.toString(), false, 512, -1, 2));
        assertTrue(e.getMessage().contains("CoNLL-U"), e.getMessage());
    }

    @Test
    void jsonComparisonNoticesDifferences() throws IOException {
        JsonNode a = JSON.readTree("{\"x\":[1.0, 2.0], \"n\": 3}");
        JsonComparison.assertClose(a, JSON.readTree("{\"x\":[1.0000000000001, 2.0], \"n\": 3}"), 1e-9);
        assertThrows(AssertionError.class, () -> JsonComparison.assertClose(a, JSON.readTree("{\"x\":[1.001, 2.0], \"n\": 3}"), 1e-9));
        assertThrows(AssertionError.class, () -> JsonComparison.assertClose(a, JSON.readTree("{\"x\":[1.0, 2.0], \"n\": 4}"), 1e-9));
        assertThrows(AssertionError.class, () -> JsonComparison.assertClose(a, JSON.readTree("{\"x\":[1.0, 2.0]}"), 1e-9));
    }
}
