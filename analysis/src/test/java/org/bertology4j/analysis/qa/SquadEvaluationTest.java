package org.bertology4j.analysis.qa;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQuAD 2.0's evaluation on five hand-worked questions; every number below was worked out by hand and agrees with
 * the official evaluate-v2.0.py run on the same data.
 */
class SquadEvaluationTest {
    // q1: two gold answers; q2: one; q3, q4: unanswerable; q5: its only gold answer "a" normalises to nothing
    private static final SquadDataset GOLD = new SquadDataset(SquadDataset.V2, List.of(new SquadArticle("t", List.of(
            new SquadParagraph("context", List.of(
                    answerable("q1", "Denver Broncos", "the Denver Broncos"),
                    answerable("q2", "1990"),
                    unanswerable("q3"),
                    unanswerable("q4"),
                    answerable("q5", "a")))))));
    private static final Map<String, String> PREDICTIONS = ordered(
            "q1", "Broncos", "q2", "in 1990", "q3", "", "q4", "something", "q5", "");

    @Test
    void maximumOverGoldAnswersWithTheEmptyPredictionAsNoAnswer() {
        SquadScores s = SquadEvaluation.evaluate(GOLD, PREDICTIONS);
        // exact: q3 and q5 (0 0 1 0 1); F1: q1 2/3 (broncos of denver broncos), q2 2/3 (1990 of in 1990), q3 1, q4 0, q5 1
        assertEquals(40.0, s.exact(), 1e-12);
        assertEquals(100.0 * (2.0 / 3 + 2.0 / 3 + 1 + 0 + 1) / 5, s.f1(), 1e-12);
        assertEquals(5, s.total());
        assertEquals(100.0 / 3, s.hasAnswer().exact(), 1e-12);
        assertEquals(100.0 * (2.0 / 3 + 2.0 / 3 + 1) / 3, s.hasAnswer().f1(), 1e-12);
        assertEquals(3, s.hasAnswer().total());
        assertEquals(50.0, s.noAnswer().exact(), 1e-12);
        assertEquals(50.0, s.noAnswer().f1(), 1e-12);
        assertNull(s.bestExact(), "no best threshold without no-answer probabilities");
        assertEquals(List.of("exact", "f1", "total", "HasAns_exact", "HasAns_f1", "HasAns_total", "NoAns_exact",
                "NoAns_f1", "NoAns_total"), List.copyOf(s.toJson().keySet()));
    }

    @Test
    void noAnswerProbabilitiesAboveTheThresholdPredictNoAnswerAndTheBestThresholdsAreFound() {
        Map<String, Double> na = new LinkedHashMap<>();
        na.put("q1", 0.9);
        na.put("q2", 0.1);
        na.put("q3", 0.8);
        na.put("q4", 0.95);
        na.put("q5", 0.2);
        SquadScores s = SquadEvaluation.evaluate(GOLD, PREDICTIONS, na, 0.5);
        // above 0.5: q1 (answerable: 0), q3 and q4 (unanswerable: 1); q2 and q5 keep 0/2/3 and 1/1
        assertEquals(60.0, s.exact(), 1e-12);
        assertEquals(100.0 * (0 + 2.0 / 3 + 1 + 1 + 1) / 5, s.f1(), 1e-12);
        assertEquals(100.0 * (0 + 2.0 / 3 + 1) / 3, s.hasAnswer().f1(), 1e-12);
        assertEquals(100.0, s.noAnswer().exact(), 1e-12);
        // by increasing probability q2 q5 q3 q1 q4 from 2 (both unanswerable right): exact 2 3 3 3 2, best 3 at 0.2;
        // F1 2+2/3, 3+2/3, 3+2/3, 4+1/3, 3+1/3: best 4+1/3 at 0.9
        assertEquals(60.0, s.bestExact(), 1e-12);
        assertEquals(0.2, s.bestExactThreshold(), 0);
        assertEquals(100.0 * (4 + 1.0 / 3) / 5, s.bestF1(), 1e-12);
        assertEquals(0.9, s.bestF1Threshold(), 0);
    }

    @Test
    void everyQuestionNeedsAPredictionAndExtraOnesAreIgnored() {
        Map<String, String> missing = new LinkedHashMap<>(PREDICTIONS);
        missing.remove("q4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SquadEvaluation.evaluate(GOLD, missing));
        assertTrue(e.getMessage().contains("1 of 5") && e.getMessage().contains("'q4'"), e.getMessage());
        Map<String, String> extra = new LinkedHashMap<>(PREDICTIONS);
        extra.put("unknown", "x");
        assertEquals(40.0, SquadEvaluation.evaluate(GOLD, extra).exact(), 1e-12);
    }

    @Test
    void allAnswerableDataHasNoNoAnswerBreakdown() {
        SquadDataset v11 = new SquadDataset("1.1", List.of(new SquadArticle("t", List.of(new SquadParagraph("c",
                List.of(answerable("a", "Paris"), answerable("b", "the Seine")))))));
        SquadScores s = SquadEvaluation.evaluate(v11, ordered("a", "paris", "b", "Seine river"));
        assertEquals(50.0, s.exact(), 1e-12);
        assertEquals(100.0 * (1 + 2.0 / 3) / 2, s.f1(), 1e-12);
        assertNull(s.noAnswer());
    }

    private static SquadQuestion answerable(String id, String... texts) {
        List<SquadAnswer> answers = java.util.Arrays.stream(texts).map(t -> new SquadAnswer(t, 0)).toList();
        return new SquadQuestion(id, "?", answers, false, List.of());
    }

    private static SquadQuestion unanswerable(String id) {
        return new SquadQuestion(id, "?", List.of(), true, List.of());
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
