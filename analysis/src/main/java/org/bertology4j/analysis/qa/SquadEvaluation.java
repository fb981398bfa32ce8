package org.bertology4j.analysis.qa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQuAD's official evaluation (evaluate-v2.0.py; on data where every question has answers it gives what
 * evaluate-v1.1.py gives, except for gold answers that normalise to nothing, which v2.0 drops): for each question the
 * maximum over its gold answers of exact match and of token F1 after {@link AnswerNormalizer normalisation}. A question
 * without gold answers (after dropping those that normalise to "") has the empty string as its only gold answer, so
 * the empty prediction ("no answer") scores 1 on it and any other prediction 0. With no-answer probabilities, a
 * prediction whose probability exceeds the threshold counts as "no answer", and the best thresholds for exact match
 * and F1 are searched as the script does ({@code find_best_thresh}).
 *
 * <p>Every question needs a prediction (the script stops with an error on a missing one in its HasAns/NoAns
 * breakdown); predictions for unknown ids are ignored.
 */
public final class SquadEvaluation {
    private SquadEvaluation() {}

    /** Scores predictions (question id to text; "" predicts no answer). */
    public static SquadScores evaluate(SquadDataset gold, Map<String, String> predictions) {
        return evaluate(gold, predictions, null, 1.0);
    }

    /**
     * Scores predictions with the model's no-answer probabilities.
     *
     * @param noAnswerProbabilities question id to the probability of no answer, or null (the script without
     *                              {@code --na-prob-file}: all 0, and no best thresholds)
     * @param threshold             predict no answer where the probability exceeds this (the script's default: 1.0)
     */
    public static SquadScores evaluate(SquadDataset gold, Map<String, String> predictions,
                                       Map<String, Double> noAnswerProbabilities, double threshold) {
        List<SquadQuestion> questions = gold.questions().toList();
        if (questions.isEmpty()) throw new IllegalArgumentException("the data set has no questions to evaluate");
        List<String> missing = new ArrayList<>();
        for (SquadQuestion q : questions) {
            if (!predictions.containsKey(q.id())) missing.add(q.id());
            else if (noAnswerProbabilities != null && !noAnswerProbabilities.containsKey(q.id())) {
                throw new IllegalArgumentException("no no-answer probability for question '" + q.id() + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " of " + questions.size()
                    + " questions have no prediction, e.g. '" + String.join("', '", missing.subList(0, Math.min(5, missing.size()))) + "'");
        }
        Map<String, Double> exactRaw = new LinkedHashMap<>(), f1Raw = new LinkedHashMap<>();
        for (SquadQuestion q : questions) {
            String predicted = predictions.get(q.id());
            exactRaw.put(q.id(), (double) maxOverGold(q, predicted, true));
            f1Raw.put(q.id(), maxOverGold(q, predicted, false));
        }
        Map<String, Double> exact = exactRaw, f1 = f1Raw;
        if (noAnswerProbabilities != null) {
            exact = applyThreshold(exactRaw, questions, noAnswerProbabilities, threshold);
            f1 = applyThreshold(f1Raw, questions, noAnswerProbabilities, threshold);
        }
        List<String> has = new ArrayList<>(), none = new ArrayList<>();
        for (SquadQuestion q : questions) (q.hasAnswer() ? has : none).add(q.id());
        SquadScores.Subset all = subset(exact, f1, new ArrayList<>(exact.keySet()));
        Double bestExact = null, bestExactThreshold = null, bestF1 = null, bestF1Threshold = null;
        if (noAnswerProbabilities != null) {
            double[] e = bestThreshold(questions, predictions, exactRaw, noAnswerProbabilities);
            double[] f = bestThreshold(questions, predictions, f1Raw, noAnswerProbabilities);
            bestExact = e[0];
            bestExactThreshold = e[1];
            bestF1 = f[0];
            bestF1Threshold = f[1];
        }
        return new SquadScores(all.exact(), all.f1(), all.total(), has.isEmpty() ? null : subset(exact, f1, has),
                none.isEmpty() ? null : subset(exact, f1, none), bestExact, bestExactThreshold, bestF1, bestF1Threshold);
    }

    /** One question's score before any threshold: the maximum over its gold answers (exact match or F1). */
    public static double maxOverGold(SquadQuestion q, String predicted, boolean exact) {
        List<String> gold = new ArrayList<>();
        for (SquadAnswer a : q.answers()) if (!AnswerNormalizer.normalize(a.text()).isEmpty()) gold.add(a.text());
        if (gold.isEmpty()) gold.add("");
        double best = 0;
        for (String g : gold) best = Math.max(best, exact ? AnswerNormalizer.exact(g, predicted) : AnswerNormalizer.f1(g, predicted));
        return best;
    }

    private static Map<String, Double> applyThreshold(Map<String, Double> scores, List<SquadQuestion> questions,
                                                      Map<String, Double> probabilities, double threshold) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SquadQuestion q : questions) {
            boolean predictNone = probabilities.get(q.id()) > threshold;
            out.put(q.id(), predictNone ? (q.hasAnswer() ? 0.0 : 1.0) : scores.get(q.id()));
        }
        return out;
    }

    private static SquadScores.Subset subset(Map<String, Double> exact, Map<String, Double> f1, List<String> ids) {
        double e = 0, f = 0;
        for (String id : ids) {
            e += exact.get(id);
            f += f1.get(id);
        }
        return new SquadScores.Subset(100.0 * e / ids.size(), 100.0 * f / ids.size(), ids.size());
    }

    // find_best_thresh: walk the questions by increasing no-answer probability (ties in the probabilities' order),
    // answering each; the score starts with every unanswerable question right
    private static double[] bestThreshold(List<SquadQuestion> questions, Map<String, String> predictions,
                                          Map<String, Double> scores, Map<String, Double> probabilities) {
        Map<String, SquadQuestion> byId = new LinkedHashMap<>();
        for (SquadQuestion q : questions) byId.put(q.id(), q);
        double current = questions.stream().filter(q -> !q.hasAnswer()).count();
        double best = current, bestThreshold = 0.0;
        List<Map.Entry<String, Double>> order = new ArrayList<>(probabilities.entrySet());
        order.sort(Comparator.comparingDouble(Map.Entry::getValue)); // stable, like Python's sorted
        for (Map.Entry<String, Double> e : order) {
            SquadQuestion q = byId.get(e.getKey());
            if (q == null) continue;
            double diff;
            if (q.hasAnswer()) diff = scores.get(q.id());
            else diff = predictions.get(q.id()).isEmpty() ? 0 : -1;
            current += diff;
            if (current > best) {
                best = current;
                bestThreshold = e.getValue();
            }
        }
        return new double[]{100.0 * best / scores.size(), bestThreshold};
    }
}
