package org.bertology4j.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.flow.FlowAccumulator;
import org.bertology4j.analysis.flow.FlowResults;
import org.bertology4j.analysis.flow.SentenceSample;
import org.bertology4j.distributed.AnalysisModel;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusJob;
import org.bertology4j.distributed.ExecutorModels;
import org.bertology4j.distributed.InProcessRunner;
import org.bertology4j.distributed.JsonComparison;
import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The flow study on a seeded random sample through the corpus runner: exactly the sample is analysed, a run stopped at
 * its time limit returns a partial result and the same job resumes to the whole run's state, and the distributed
 * protocol (slices) analyses the same sample.
 */
class FlowSampleRunTest {
    static final ObjectMapper JSON = new ObjectMapper();

    private static AnalysisModel model() throws IOException { return ExecutorModels.get(TinyModelDirectory.shared().dir().toString()); }

    private static CorpusJob<FlowAccumulator> job(int n) throws IOException {
        try (ConlluReader r = ConlluReader.open(GumData.dev(), false)) {
            SentenceSample s = SentenceSample.draw(r, n, 11, x -> true);
            return CorpusAnalyses.flowSample(CorpusJob.of(CorpusAnalyses.flow(), GumData.dev(), model().directory()), s)
                    .withPartitions(3);
        }
    }

    @Test
    void aSampleRunStoppedAtItsTimeLimitResumesToTheWholeRun(@TempDir Path out) throws IOException {
        CorpusJob<FlowAccumulator> job = job(7);
        CorpusRunner.Result<FlowAccumulator> whole = CorpusRunner.run(job, model(), CorpusRunner.Options.defaults());
        assertTrue(whole.complete());
        assertEquals(7, whole.units());
        assertEquals(7, whole.accumulator().sentencesSeen());

        CorpusRunner.Options saving = CorpusRunner.Options.defaults().checkpoint(out.resolve("flow.checkpoint.json"), Duration.ZERO);
        CorpusRunner.Result<FlowAccumulator> part = CorpusRunner.run(job, model(), saving.timeLimit(Duration.ofNanos(1)));
        assertFalse(part.complete());
        assertEquals(1, part.units());
        assertEquals(1, part.accumulator().sentencesSeen());
        // the first sentence of the run is the sample's smallest hash: the size-1 sample of the same seed
        CorpusRunner.Result<FlowAccumulator> one = CorpusRunner.run(job(1), model(), CorpusRunner.Options.defaults());
        assertEquals(one.accumulator().toJson(), part.accumulator().toJson());

        FlowResults.write(part, out, false, "pos", 1, "dev");
        var pos = JSON.readTree(out.resolve("flow-pos.json").toFile());
        assertFalse(pos.path("complete").asBoolean(true));
        assertEquals(1, pos.path("analysed").asLong());
        assertEquals(11, pos.path("sample_seed").asLong());
        assertTrue(pos.has("findings") && pos.has("pos"));
        assertTrue(JSON.readTree(out.resolve("flow.json").toFile()).at("/run/complete").isBoolean());
        assertTrue(java.nio.file.Files.readString(out.resolve("flow-timing.txt")).contains("PARTIAL"));

        CorpusRunner.Result<FlowAccumulator> rest = CorpusRunner.run(job, model(), saving);
        assertTrue(rest.complete());
        assertEquals(1, rest.resumed());
        assertEquals(7, rest.units());
        JsonComparison.assertClose(JSON.readTree(whole.accumulator().toJson()), JSON.readTree(rest.accumulator().toJson()), 1e-12);
    }

    @Test
    void theDistributedProtocolAnalysesTheSameSample() throws IOException {
        CorpusJob<FlowAccumulator> job = job(9);
        FlowAccumulator single = CorpusRunner.run(job, model(), CorpusRunner.Options.defaults()).accumulator();
        FlowAccumulator distributed = new InProcessRunner().run("", job);
        assertEquals(9, distributed.sentencesSeen());
        // merged in slice order, not hash order: the statistics agree to rounding
        JsonComparison.assertClose(JSON.readTree(single.report(1).toJson()), JSON.readTree(distributed.report(1).toJson()), 1e-9);
    }

    @Test
    void aTimeLimitNeedsARunInThisProcess() throws IOException {
        CorpusJob<FlowAccumulator> job = job(2);
        assertThrows(IllegalArgumentException.class, () -> CorpusRunner.run(job, model(),
                CorpusRunner.Options.defaults().distributed("local[1]").timeLimit(Duration.ofMinutes(1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorpusRunner.run(job.withOption("every", 2), model(), CorpusRunner.Options.defaults()));
        assertTrue(e.getMessage().contains("cannot be combined"), e.getMessage());
    }
}
