package org.bertology4j.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.coref.CorefAccumulator;
import org.bertology4j.analysis.flow.FlowAccumulator;
import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.analysis.heads.HeadsStudy;
import org.bertology4j.distributed.AnalysisModel;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusJob;
import org.bertology4j.distributed.ExecutorModels;
import org.bertology4j.distributed.InProcessRunner;
import org.bertology4j.distributed.JsonComparison;
import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one corpus runner on the GUM excerpt (or dev) with a tiny random model: progress, a run stopped half-way and
 * resumed from its checkpoint ends with the whole run's state, and the in-process run equals the distributed
 * protocol's.
 */
class CorpusRunnerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void setUp() throws IOException {
        model = TinyModelDirectory.write(tmp.resolve("tiny"), 29);
    }

    private static AnalysisModel model() { return ExecutorModels.get(model.toString()); }

    @Test
    void headsFromJavaReportsProgressAndWritesTheResults(@TempDir Path out) throws IOException {
        AtomicLong units = new AtomicLong(), total = new AtomicLong();
        CorpusRunner.Result<HeadsAccumulator> r = CorpusRunner.run(
                CorpusJob.of(CorpusAnalyses.heads(), GumData.dev(), model).withLimit(40), model(),
                CorpusRunner.Options.defaults().progress(new ProgressListener() {
                    @Override public void started(String task, String unit, long t, long done) { total.set(t); }
                    @Override public void advanced(long n) { units.addAndGet(n); }
                }));
        assertEquals(40, total.get());
        assertEquals(40, units.get());
        assertEquals(40, r.accumulator().sentences() + r.accumulator().skipped());
        assertEquals(40, r.units());
        HeadsStudy.write(r, out, false);
        assertEquals(40, JSON.readTree(out.resolve("heads.json").toFile()).path("sentences").asLong()
                + JSON.readTree(out.resolve("heads.json").toFile()).path("skipped").asLong());
        assertTrue(Files.readString(out.resolve("heads.md")).contains("Malformed sentences skipped: 0"));
    }

    @Test
    void aStoppedRunResumesToTheWholeRunsState(@TempDir Path out) throws IOException {
        CorpusJob<CorefAccumulator> job = CorpusJob.of(CorpusAnalyses.coref(), GumData.dev(), model).withLimit(3);
        CorefAccumulator whole = CorpusRunner.run(job, model(), CorpusRunner.Options.defaults()).accumulator();
        Path cp = out.resolve("coref.checkpoint.json");
        CorpusRunner.Options saving = CorpusRunner.Options.defaults().checkpoint(cp, Duration.ZERO);
        // a listener that fails after the second document stops the run there (as a crash would)
        RuntimeException crash = assertThrows(RuntimeException.class, () -> CorpusRunner.run(job, model(), saving.progress(
                new ProgressListener() {
                    long done;
                    @Override public void advanced(long n) { if ((done += n) == 2) throw new RuntimeException("crash"); }
                })));
        assertEquals("crash", crash.getMessage());
        assertEquals(1, new Checkpoint(cp, CorpusRunner.identity(job, model(), CorpusInput.check(job))).load().orElseThrow().done());
        CorpusRunner.Result<CorefAccumulator> resumed = CorpusRunner.run(job, model(), saving);
        assertEquals(1, resumed.resumed());
        assertEquals(3, resumed.units());
        assertEquals(whole.toJson(), resumed.accumulator().toJson());
        // a complete checkpoint: the re-run only restores it
        assertEquals(whole.toJson(), CorpusRunner.run(job, model(), saving).accumulator().toJson());
    }

    @Test
    void sampledFlowInProcessEqualsTheDistributedProtocol() throws IOException {
        CorpusJob<FlowAccumulator> job = CorpusJob.of(CorpusAnalyses.flow(), GumData.dev(), model).withLimit(31)
                .withOption("every", 3).withPartitions(3);
        CorpusRunner.Result<FlowAccumulator> single = CorpusRunner.run(job, model(), CorpusRunner.Options.defaults());
        assertEquals(11, single.units());
        FlowAccumulator distributed = new InProcessRunner().run("", job);
        JsonComparison.assertClose(JSON.readTree(single.accumulator().toJson()), JSON.readTree(distributed.toJson()), 1e-9);
    }

    /**
     * Issue 15: an input edited in place to the same size must not resume (the identity was path + size), a model
     * copied elsewhere resumes (its identity is its hashes, not its path), and the refusal names what differs.
     */
    @Test
    void resumeIdentityIsContentNotPathOrSize(@TempDir Path dir) throws IOException {
        String first = "# sent_id = a\n1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n\n";
        Path input = Files.writeString(dir.resolve("in.conllu"), first + first.replace("= a", "= b"));
        CorpusJob<HeadsAccumulator> job = CorpusJob.of(CorpusAnalyses.heads(), input, model);
        Path cp = dir.resolve("heads.checkpoint.json");
        CorpusRunner.Options saving = CorpusRunner.Options.defaults().checkpoint(cp, Duration.ZERO);
        CorpusRunner.run(job, model(), saving);
        String saved = Files.readString(cp);
        assertTrue(!saved.contains(model.toString()) && !saved.contains(input.toString()), "no paths in the identity: " + saved);

        // the same model in another directory: same identity, the complete checkpoint is restored
        Path copy = Files.createDirectories(dir.resolve("elsewhere"));
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        CorpusJob<HeadsAccumulator> moved = CorpusJob.of(CorpusAnalyses.heads(), input, copy);
        assertEquals(2, CorpusRunner.run(moved, ExecutorModels.get(copy.toString()), saving).resumed());

        // same size, other content ("Dogs" -> "Cats"): refused, and the message says the input changed
        long size = Files.size(input);
        Files.writeString(input, Files.readString(input).replace("Dogs", "Cats"));
        assertEquals(size, Files.size(input));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CorpusRunner.run(job, model(), saving));
        assertTrue(e.getMessage().contains("input_sha256 \"") && e.getMessage().contains("in the checkpoint")
                && !e.getMessage().contains("model_sha256"), e.getMessage());
        // another option: named
        Files.writeString(input, Files.readString(input).replace("Cats", "Dogs"));
        e = assertThrows(IllegalStateException.class, () -> CorpusRunner.run(job.withLimit(1), model(), saving));
        assertTrue(e.getMessage().contains("limit -1 in the checkpoint, 1 in this run"), e.getMessage());
    }
}
