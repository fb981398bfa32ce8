package org.bertology4j.analysis.qa;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SQuAD evaluation's numbers, in percent, as its official script reports them.
 *
 * @param exact              exact match over all questions
 * @param f1                 token F1 over all questions
 * @param total              number of questions
 * @param hasAnswer          the same over the questions with answers ({@code HasAns_*}), null when there are none
 * @param noAnswer           the same over the unanswerable questions ({@code NoAns_*}), null when there are none
 * @param bestExact          with no-answer probabilities: the best exact match over all thresholds, else null
 * @param bestExactThreshold the threshold giving it, else null
 * @param bestF1             with no-answer probabilities: the best F1 over all thresholds, else null
 * @param bestF1Threshold    the threshold giving it, else null
 */
public record SquadScores(double exact, double f1, int total, Subset hasAnswer, Subset noAnswer,
                          Double bestExact, Double bestExactThreshold, Double bestF1, Double bestF1Threshold) {

    /** Exact match and F1 (percent) over a subset of the questions. */
    public record Subset(double exact, double f1, int total) {}

    /** The script's JSON: exact, f1, total, HasAns_*, NoAns_*, best_* where present. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exact", exact);
        m.put("f1", f1);
        m.put("total", total);
        put(m, "HasAns", hasAnswer);
        put(m, "NoAns", noAnswer);
        if (bestExact != null) {
            m.put("best_exact", bestExact);
            m.put("best_exact_thresh", bestExactThreshold);
            m.put("best_f1", bestF1);
            m.put("best_f1_thresh", bestF1Threshold);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String prefix, Subset s) {
        if (s == null) return;
        m.put(prefix + "_exact", s.exact);
        m.put(prefix + "_f1", s.f1);
        m.put(prefix + "_total", s.total);
    }
}
