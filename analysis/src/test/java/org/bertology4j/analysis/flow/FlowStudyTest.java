package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.Sentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Sharding, JSON resume, progress and plots. */
class FlowStudyTest {
    static final int LAYERS = 4;
    final List<Sentence> sents = FlowFixtures.sentences();
    final FlowSource noisy = s -> FlowFixtures.noisy(s, LAYERS);

    @Test
    void twoMergedShardsEqualOnePass() {
        FlowAccumulator one = new FlowStudy(noisy).run(sents, new FlowAccumulator(LAYERS));
        FlowAccumulator a = new FlowStudy(noisy).run(sents.subList(0, 1), new FlowAccumulator(LAYERS));
        FlowAccumulator b = new FlowStudy(noisy).run(sents.subList(1, 3), new FlowAccumulator(LAYERS));
        a.merge(b);
        assertEquals(3, a.sentencesSeen());
        assertJsonClose(one.report(3).toJson(), a.report(3).toJson());
    }

    @Test
    void stateJsonRoundTripIsExactAndResumeEqualsOnePass(@TempDir Path dir) throws Exception {
        FlowAccumulator one = new FlowStudy(noisy).run(sents, new FlowAccumulator(LAYERS));
        assertEquals(one.toJson(), FlowAccumulator.fromJson(one.toJson()).toJson());

        Path state = dir.resolve("flow-state.json");
        new FlowStudy(noisy).run(sents.subList(0, 2), new FlowAccumulator(LAYERS)).save(state);
        FlowAccumulator resumed = FlowAccumulator.load(state);
        assertEquals(2, resumed.sentencesSeen());
        List<Long> progress = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        FlowSource counting = s -> {
            computed.add(s.sentId());
            return noisy.compute(s);
        };
        new FlowStudy(counting).progress(progress::add).run(sents, resumed);
        assertEquals(List.of("s3"), computed); // the first two sentences were not recomputed
        assertEquals(List.of(3L), progress);
        assertJsonClose(one.report(3).toJson(), resumed.report(3).toJson());
    }

    @Test
    void sentencesWithoutMapsAreCountedAsSkipped() {
        FlowSource longOnly = s -> s.size() > 2 ? noisy.compute(s) : null;
        List<Long> progress = new ArrayList<>();
        FlowAccumulator acc = new FlowStudy(longOnly).progress(progress::add).run(sents, new FlowAccumulator(LAYERS));
        assertEquals(3, acc.sentencesSeen());
        assertEquals(1, acc.skipped());
        assertEquals(List.of(1L, 2L, 3L), progress);
    }

    @Test
    void corruptStateNamesTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"layers\": 3, \"sentencesSeen\": 1}");
        Exception e = assertThrows(java.io.IOException.class, () -> FlowAccumulator.load(bad));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }

    @Test
    void plotsAndReportAreWritten(@TempDir Path dir) throws Exception {
        FlowReport r = new FlowStudy(noisy).run(sents, new FlowAccumulator(LAYERS)).report(1);
        List<Path> pngs = FlowPlots.write(dir, r);
        assertEquals(3 * 3 + 3, pngs.size());
        for (Path p : pngs) assertTrue(Files.size(p) > 0, p.toString());
        assertTrue(Files.exists(dir.resolve("flow-coref-Gstar.svg")));
        r.write(dir.resolve("flow.json"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("flow.json").toFile());
        assertEquals(LAYERS, json.at("/coref/all/G/perLayer").size());
        assertEquals(3, json.at("/sentencesSeen").asInt());
    }

    @Test
    void plotsSurviveUndefinedStatistics(@TempDir Path dir) throws Exception {
        // constant maps: every t and r is NaN, and those series are drawn as gaps or left out
        FlowSource constant = s -> FlowFixtures.maps(s, LAYERS, (n, a, b) -> 1, (n, a, b) -> 2, (n, a, b) -> 3);
        FlowReport r = new FlowStudy(constant).run(sents, new FlowAccumulator(LAYERS)).report(1);
        assertTrue(Double.isNaN(r.coref().all().get("G").pooled().t()));
        for (Path p : FlowPlots.write(dir, r)) assertTrue(Files.size(p) > 0, p.toString());
    }

    /** Same JSON structure; numbers equal up to 1e-12 relative (moments merge in a different order). */
    static void assertJsonClose(String expected, String actual) {
        try {
            ObjectMapper m = new ObjectMapper();
            close(m.readTree(expected), m.readTree(actual), "$");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void close(JsonNode e, JsonNode a, String path) {
        if (e.isNumber()) {
            assertTrue(a.isNumber(), path);
            double x = e.asDouble(), y = a.asDouble();
            assertEquals(x, y, 1e-12 * Math.max(1, Math.abs(x)), path);
        } else if (e.isContainerNode()) {
            assertEquals(e.size(), a.size(), path);
            if (e.isArray()) {
                for (int i = 0; i < e.size(); i++) close(e.get(i), a.get(i), path + "[" + i + "]");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                    var f = it.next();
                    assertTrue(a.has(f.getKey()), path + "." + f.getKey());
                    close(f.getValue(), a.get(f.getKey()), path + "." + f.getKey());
                }
            }
        } else {
            assertEquals(e, a, path);
        }
    }
}
