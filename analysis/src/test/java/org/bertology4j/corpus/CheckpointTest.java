package org.bertology4j.corpus;

import org.bertology4j.analysis.conllu.ConlluCounts;
import org.bertology4j.analysis.conllu.GumData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointTest {
    static final ObjectMapper OM = new ObjectMapper();

    static ObjectNode identity(long limit) {
        ObjectNode id = OM.createObjectNode();
        id.put("command", "heads").put("limit", limit); // put(long): a LongNode, parsed back as an IntNode
        return id;
    }

    @Test
    void roundTripsAndRefusesAnotherRunsCheckpoint(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.checkpoint.json");
        Checkpoint cp = new Checkpoint(f, identity(-1));
        assertTrue(cp.load().isEmpty());
        ObjectNode state = OM.createObjectNode().put("count", 7);
        cp.save(7, false, state);
        Checkpoint.Saved s = new Checkpoint(f, identity(-1)).load().orElseThrow();
        assertEquals(7, s.done());
        assertFalse(s.complete());
        assertEquals(state, s.state());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Checkpoint(f, identity(5)).load());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("another run"), e.getMessage());
        Files.writeString(f, "{\"kind\": \"other\"}");
        IOException bad = assertThrows(IOException.class, () -> cp.load());
        assertTrue(bad.getMessage().contains(f.toString()), bad.getMessage());
        Files.writeString(f, "{not json");
        assertThrows(IOException.class, () -> cp.load());
    }

    /** A toy accumulator: the sum of the units seen; resumed runs must end with the same sum as one whole run. */
    static final class Sum {
        long n, sum;
        ObjectNode json() { return OM.createObjectNode().put("n", n).put("sum", sum); }
    }

    @Test
    void stopSavesAtTheNextUnitAndAResumedRunEndsLikeAWholeRun(@TempDir Path dir) throws IOException {
        List<Integer> data = new ArrayList<>();
        for (int i = 1; i <= 50; i++) data.add(i * i);
        Path f = dir.resolve("sum.checkpoint.json");
        Checkpoint cp = new Checkpoint(f, identity(-1));

        Sum first = new Sum();
        CorpusRun run = new CorpusRun(cp, first::json, quietBar(50, 0), Duration.ofHours(1), 0);
        RunInterruptedException stop = assertThrows(RunInterruptedException.class, () -> {
            for (int x : data) {
                first.n++;
                first.sum += x;
                if (first.n == 17) run.requestStop(); // as the shutdown hook does, between two units
                run.unitDone(1);
            }
        });
        run.close();
        assertTrue(stop.getMessage().contains(f.toString()));
        Checkpoint.Saved saved = cp.load().orElseThrow();
        assertEquals(17, saved.done());
        assertEquals(17, saved.state().get("n").asLong());

        Sum resumed = new Sum();
        resumed.n = saved.state().get("n").asLong();
        resumed.sum = saved.state().get("sum").asLong();
        try (CorpusRun again = new CorpusRun(cp, resumed::json, quietBar(50, saved.done()), Duration.ZERO, saved.done())) {
            for (int x : data.subList((int) resumed.n, data.size())) {
                resumed.n++;
                resumed.sum += x;
                again.unitDone(1);
                // interval 0: every unit is checkpointed
                assertEquals(resumed.n, cp.load().orElseThrow().done());
            }
            again.finish();
        }
        long whole = data.stream().mapToLong(Integer::longValue).sum();
        assertEquals(whole, resumed.sum);
        Checkpoint.Saved end = cp.load().orElseThrow();
        assertTrue(end.complete());
        assertEquals(50, end.done());
        assertEquals(whole, end.state().get("sum").asLong());
    }

    static ProgressListener quietBar(long total, long done) {
        return ProgressListener.NONE;
    }

    @Test
    void countsAndLimits() throws IOException {
        Path dev = GumData.requireFull().resolve(GumData.DEV);
        ConlluCounts.Counts c = ConlluCounts.of(dev);
        // the reader's own test establishes 30 documents / 1575 sentences for GUM dev
        assertEquals(1575, c.sentences());
        assertEquals(30, c.documents());
        List<Integer> got = new ArrayList<>();
        Limited.of(List.of(1, 2, 3, 4), 2).forEach(got::add);
        assertEquals(List.of(1, 2), got);
        got.clear();
        Limited.of(List.of(1, 2, 3), -1).forEach(got::add);
        assertEquals(List.of(1, 2, 3), got);
    }
}
