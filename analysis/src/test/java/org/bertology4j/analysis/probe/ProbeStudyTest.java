package org.bertology4j.analysis.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.corpus.RunInterruptedException;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ProbeStudy} from plain Java on a tiny model: the Table 3 rows, the files, and stop + resume. */
class ProbeStudyTest {
    @TempDir
    Path tmp;

    @Test
    void runsFromJavaAndResumesToTheSameResult() throws Exception {
        Path dir = TinyModelDirectory.write(tmp.resolve("tiny"), 31);
        BertModel model = BertModel.load(dir);
        BertTokenizer tok = BertTokenizer.fromModelDirectory(dir);
        ProbeStudy.Options options = ProbeStudy.Options.of(GumData.train(), GumData.dev()).withTrainLimit(30).withDevLimit(12);
        ProbeStudy.Result whole = new ProbeStudy(model, tok, "tiny", "tiny", options).run(tmp.resolve("whole"));
        assertEquals(List.of("right-branching", "distances + word vectors", "attention only (BERT)",
                "attention + word vectors (BERT)", "attention only (random-init BERT)", "attention + word vectors (random-init BERT)"),
                List.copyOf(whole.uas().keySet()));
        assertEquals(30, whole.trainSentences());
        assertEquals("input embeddings of tiny", whole.wordVectors());
        for (ProbeAnalysis.Uas u : whole.uas().values()) assertTrue(u.value() >= 0 && u.value() <= 1 && u.total() > 0, u.toString());

        whole.write(tmp.resolve("whole"));
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("whole/probe.json").toFile());
        assertEquals(whole.uas().get("attention only (BERT)").correct(),
                json.path("uas").path("attention only (BERT)").path("correct").asLong());
        assertTrue(Files.readString(tmp.resolve("whole/probe.md")).contains("| right-branching |"));

        Path out = tmp.resolve("stopped");
        ProbeStudy stopping = new ProbeStudy(model, tok, "tiny", "tiny", options.withStopAfter(40));
        assertThrows(RunInterruptedException.class, () -> stopping.run(out));
        ProbeStudy.Result resumed = new ProbeStudy(model, tok, "tiny", "tiny", options).run(out);
        assertEquals(whole.uas(), resumed.uas());
    }

    @Test
    void baselineVariantsAreRecordedAndACheckpointOfAnotherVariantIsRefused() throws Exception {
        Path dir = TinyModelDirectory.write(tmp.resolve("tiny"), 8);
        BertModel model = BertModel.load(dir);
        BertTokenizer tok = BertTokenizer.fromModelDirectory(dir);
        ProbeStudy.Options options = ProbeStudy.Options.of(GumData.train(), GumData.dev()).withTrainLimit(12).withDevLimit(6)
                .withPretrained(false);
        Path out = tmp.resolve("baselines");
        ProbeStudy.Result r = new ProbeStudy(model, tok, "tiny", "tiny", options).run(out);
        assertEquals(List.of("right-branching", "distances + word vectors", "attention only (random-init BERT)",
                "attention + word vectors (random-init BERT)"), List.copyOf(r.uas().keySet()));
        r.write(out);
        JsonNode json = new ObjectMapper().readTree(out.resolve("probe.json").toFile());
        assertEquals("hidden-layer", json.path("distance_baseline").asText());
        assertEquals("pretrained-embeddings", json.path("random_init").asText());
        assertTrue(Files.readString(out.resolve("probe.md")).contains("(`pretrained-embeddings`, the paper's)"));

        ProbeStudy.Result older = new ProbeStudy(model, tok, "tiny", "tiny", options.withRandomInit(RandomInit.ALL_RANDOM)
                .withDistanceBaseline(DistanceBaseline.LOG_LINEAR)).run(tmp.resolve("older"));
        assertEquals(r.uas().get("right-branching"), older.uas().get("right-branching"));
        assertEquals("all-random", older.toJson().path("random_init").asText());
        assertEquals("log-linear", older.toJson().path("distance_baseline").asText());
        Exception e = assertThrows(Exception.class, () -> new ProbeStudy(model, tok, "tiny", "tiny",
                options.withRandomInit(RandomInit.ALL_RANDOM)).run(out));
        assertTrue(e.getMessage().contains("random_init"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProbeStudy(model, tok, "tiny", "tiny",
                options.withRandom(false)).run(tmp.resolve("nothing")));
    }

    @Test
    void withoutTheRandomModelOnlyTheModelsRowsAreAdded() throws Exception {
        Path dir = TinyModelDirectory.write(tmp.resolve("tiny"), 5);
        ProbeStudy.Result r = new ProbeStudy(BertModel.load(dir), BertTokenizer.fromModelDirectory(dir), "tiny", "tiny",
                ProbeStudy.Options.of(GumData.train(), GumData.dev()).withTrainLimit(10).withDevLimit(5).withRandom(false))
                .run(tmp.resolve("out"));
        assertEquals(4, r.uas().size());
        assertEquals(5, r.devSentences());
    }
}
