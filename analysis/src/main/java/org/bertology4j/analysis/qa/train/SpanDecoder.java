package org.bertology4j.analysis.qa.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The best-span decoding of the BERT reference ({@code run_squad.py}'s {@code write_predictions}, SQuAD 2.0 version):
 * over every window, the {@code nBest} highest start and end logits give candidate spans, kept when both ends lie in
 * the context, the start piece has its maximum context in this window, end ≥ start and the span has at most
 * {@code maxAnswerLength} pieces; candidates are ranked by start + end logit, distinct texts kept. The null score is
 * the smallest [CLS] start + end over the windows; the answer is "" when null score − best span score exceeds
 * {@code nullScoreDiffThreshold}. Texts are read from the context by the pieces' character offsets.
 *
 * @param nBest                  candidates per window per end, and answers kept (the reference's 20)
 * @param maxAnswerLength        longest answer in pieces (the reference's 30)
 * @param nullScoreDiffThreshold the reference's {@code null_score_diff_threshold} (0.0)
 */
public record SpanDecoder(int nBest, int maxAnswerLength, double nullScoreDiffThreshold) {
    public SpanDecoder {
        if (nBest < 1) throw new IllegalArgumentException("n-best size must be at least 1, got " + nBest);
        if (maxAnswerLength < 1) throw new IllegalArgumentException("max answer length must be at least 1, got " + maxAnswerLength);
        if (Double.isNaN(nullScoreDiffThreshold)) throw new IllegalArgumentException("null score threshold is NaN");
    }

    /** The reference's settings: 20, 30, 0.0. */
    public static SpanDecoder defaults() { return new SpanDecoder(20, 30, 0.0); }

    /**
     * Decodes one question.
     *
     * @param windows     its windows, in order
     * @param context     the context they were cut from
     * @param startLogits per window, the start logits of its positions (at least {@link QaWindow#length()} values)
     * @param endLogits   per window, the end logits
     */
    public QaPrediction decode(List<QaWindow> windows, String context, List<double[]> startLogits, List<double[]> endLogits) {
        if (windows.isEmpty()) throw new IllegalArgumentException("no windows to decode");
        if (startLogits.size() != windows.size() || endLogits.size() != windows.size()) {
            throw new IllegalArgumentException(windows.size() + " windows but " + startLogits.size() + " start and "
                    + endLogits.size() + " end logit rows");
        }
        List<QaPrediction.Span> prelim = new ArrayList<>();
        double nullScore = Double.POSITIVE_INFINITY;
        QaPrediction.Span nullSpan = null;
        for (int w = 0; w < windows.size(); w++) {
            QaWindow win = windows.get(w);
            double[] s = startLogits.get(w), e = endLogits.get(w);
            if (s.length < win.length() || e.length < win.length()) {
                throw new IllegalArgumentException("window " + w + " of question '" + win.questionId() + "' has "
                        + win.length() + " positions but " + s.length + "/" + e.length + " logits");
            }
            double ns = s[0] + e[0];
            if (ns < nullScore) {
                nullScore = ns;
                nullSpan = new QaPrediction.Span("", -1, -1, w, 0, 0, s[0], e[0], Double.NaN);
            }
            for (int a : top(s, win.length())) {
                for (int b : top(e, win.length())) {
                    if (!win.inContext(a) || !win.inContext(b) || !win.maxContext()[a] || b < a || b - a + 1 > maxAnswerLength) continue;
                    int c0 = win.charStarts()[a], c1 = win.charEnds()[b];
                    prelim.add(new QaPrediction.Span(context.substring(c0, c1), c0, c1, w, a, b, s[a], e[b], Double.NaN));
                }
            }
        }
        prelim.add(nullSpan);
        prelim.sort(Comparator.comparingDouble(QaPrediction.Span::score).reversed());   // stable: ties keep window order
        List<QaPrediction.Span> nbest = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (QaPrediction.Span c : prelim) {
            if (nbest.size() >= nBest) break;
            if (seen.add(c.text())) nbest.add(c);
        }
        if (!seen.contains("")) nbest.add(nullSpan);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (QaPrediction.Span c : nbest) max = Math.max(max, c.score());
        for (QaPrediction.Span c : nbest) sum += Math.exp(c.score() - max);
        List<QaPrediction.Span> withP = new ArrayList<>();
        for (QaPrediction.Span c : nbest) withP.add(c.withProbability(Math.exp(c.score() - max) / sum));
        QaPrediction.Span best = withP.stream().filter(c -> !c.text().isEmpty()).findFirst().orElse(null);
        double diff = best == null ? Double.POSITIVE_INFINITY : nullScore - best.score();
        String text = best == null || diff > nullScoreDiffThreshold ? "" : best.text();
        return new QaPrediction(windows.get(0).questionId(), text, best, nullScore, diff, withP);
    }

    /** Positions of the {@code nBest} largest values among the first {@code length} (largest first, lower index on ties). */
    private int[] top(double[] v, int length) {
        Integer[] idx = new Integer[length];
        for (int i = 0; i < length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (x, y) -> v[y] != v[x] ? Double.compare(v[y], v[x]) : Integer.compare(x, y));
        int k = Math.min(nBest, length);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = idx[i];
        return out;
    }
}
