package org.bertology4j.analysis.qa;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the question generator did on a treebank: per rule the candidates, the questions made and every skip by
 * reason (the failure rate is skipped / candidates), the question words used, and the unanswerable questions added.
 */
public final class QaDataStats {
    /** Counts of one rule. */
    public static final class RuleCounts {
        private int candidates, generated;
        private final Map<String, Integer> skipped = new TreeMap<>();
        private final Map<WhWord, Integer> wh = new EnumMap<>(WhWord.class);

        /** Arguments the rule tried. */
        public int candidates() { return candidates; }

        /** Questions it made (after duplicates were removed). */
        public int generated() { return generated; }

        /** Skipped candidates. */
        public int skippedTotal() { return candidates - generated; }

        /** Skipped / candidates (0 when there were none). */
        public double failureRate() { return candidates == 0 ? 0 : (double) skippedTotal() / candidates; }

        /** Skips by reason, most frequent first. */
        public Map<String, Integer> skipped() { return sortedByCount(skipped); }

        /** Questions made by question word. */
        public Map<WhWord, Integer> questionWords() { return new EnumMap<>(wh); }
    }

    private final String source;
    private final long seed;
    private final double unanswerableShare;
    private int documents, paragraphs, paragraphsWithQuestions, sentences;
    private int unanswerableWanted, unanswerableSameDocument, unanswerableOtherDocument;
    private final Map<QuestionRule, RuleCounts> rules = new EnumMap<>(QuestionRule.class);

    QaDataStats(String source, long seed, double unanswerableShare) {
        this.source = source;
        this.seed = seed;
        this.unanswerableShare = unanswerableShare;
        for (QuestionRule r : QuestionRule.values()) rules.put(r, new RuleCounts());
    }

    void document() { documents++; }

    void paragraph(boolean withQuestions) {
        paragraphs++;
        if (withQuestions) paragraphsWithQuestions++;
    }

    void sentence() { sentences++; }

    void generated(QuestionRule rule, WhWord wh) {
        RuleCounts c = rules.get(rule);
        c.candidates++;
        c.generated++;
        c.wh.merge(wh, 1, Integer::sum);
    }

    void skipped(QuestionRule rule, String reason) {
        RuleCounts c = rules.get(rule);
        c.candidates++;
        c.skipped.merge(reason, 1, Integer::sum);
    }

    void unanswerable(int wanted, int sameDocument, int otherDocument) {
        unanswerableWanted += wanted;
        unanswerableSameDocument += sameDocument;
        unanswerableOtherDocument += otherDocument;
    }

    /** The counts of one rule. */
    public RuleCounts rule(QuestionRule rule) { return rules.get(rule); }

    public int documents() { return documents; }

    public int paragraphs() { return paragraphs; }

    public int sentences() { return sentences; }

    /** Answerable questions (all rules). */
    public int answerable() { return rules.values().stream().mapToInt(RuleCounts::generated).sum(); }

    /** Candidates of all rules. */
    public int candidates() { return rules.values().stream().mapToInt(RuleCounts::candidates).sum(); }

    /** Unanswerable questions added. */
    public int unanswerable() { return unanswerableSameDocument + unanswerableOtherDocument; }

    /** Unanswerable questions taken from another paragraph of the same document. */
    public int unanswerableSameDocument() { return unanswerableSameDocument; }

    /** Unanswerable questions the share asked for (more than {@link #unanswerable()} when too few were eligible). */
    public int unanswerableWanted() { return unanswerableWanted; }

    /** Skipped / candidates over all rules. */
    public double failureRate() {
        int c = candidates();
        return c == 0 ? 0 : (double) (c - answerable()) / c;
    }

    /** The statistics as JSON (what {@code qa-data} writes beside the data set). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", source);
        m.put("seed", seed);
        m.put("unanswerable_share", unanswerableShare);
        m.put("documents", documents);
        m.put("paragraphs", paragraphs);
        m.put("paragraphs_with_questions", paragraphsWithQuestions);
        m.put("sentences", sentences);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("total", answerable() + unanswerable());
        q.put("answerable", answerable());
        q.put("unanswerable", unanswerable());
        q.put("unanswerable_wanted", unanswerableWanted);
        q.put("unanswerable_same_document", unanswerableSameDocument);
        q.put("unanswerable_other_document", unanswerableOtherDocument);
        m.put("questions", q);
        m.put("candidates", candidates());
        m.put("skipped", candidates() - answerable());
        m.put("failure_rate", round(failureRate()));
        Map<String, Object> byRule = new LinkedHashMap<>();
        Map<String, Integer> wh = new LinkedHashMap<>();
        for (WhWord w : WhWord.values()) wh.put(w.text(), 0);
        for (Map.Entry<QuestionRule, RuleCounts> e : rules.entrySet()) {
            RuleCounts c = e.getValue();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("candidates", c.candidates);
            r.put("generated", c.generated);
            r.put("skipped", c.skippedTotal());
            r.put("failure_rate", round(c.failureRate()));
            Map<String, Integer> words = new LinkedHashMap<>();
            c.wh.forEach((k, v) -> words.put(k.text(), v));
            r.put("question_words", words);
            r.put("skip_reasons", c.skipped());
            byRule.put(e.getKey().id(), r);
            c.wh.forEach((k, v) -> wh.merge(k.text(), v, Integer::sum));
        }
        m.put("question_words", wh);
        m.put("rules", byRule);
        return m;
    }

    /** A plain-text table of the counts per rule and the main skip reasons, for the console. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d documents, %d paragraphs (%d with questions), %d sentences%n",
                documents, paragraphs, paragraphsWithQuestions, sentences));
        sb.append(String.format(Locale.ROOT, "%-8s %10s %10s %10s %8s%n", "rule", "candidates", "questions", "skipped", "failed"));
        for (Map.Entry<QuestionRule, RuleCounts> e : rules.entrySet()) {
            RuleCounts c = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-8s %10d %10d %10d %7.1f%%%n", e.getKey().id(), c.candidates,
                    c.generated, c.skippedTotal(), 100 * c.failureRate()));
        }
        sb.append(String.format(Locale.ROOT, "%-8s %10d %10d %10d %7.1f%%%n", "all", candidates(), answerable(),
                candidates() - answerable(), 100 * failureRate()));
        Map<String, Integer> reasons = new TreeMap<>();
        for (RuleCounts c : rules.values()) c.skipped.forEach((k, v) -> reasons.merge(k, v, Integer::sum));
        sb.append("most frequent skip reasons:\n");
        int shown = 0;
        for (Map.Entry<String, Integer> e : sortedByCount(reasons).entrySet()) {
            if (shown++ == 8) break;
            sb.append(String.format(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey()));
        }
        sb.append(String.format(Locale.ROOT, "questions: %d answerable, %d unanswerable (%d wanted; %d from the same document)%n",
                answerable(), unanswerable(), unanswerableWanted, unanswerableSameDocument));
        return sb.toString();
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    private static Map<String, Integer> sortedByCount(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : entries) out.put(e.getKey(), e.getValue());
        return out;
    }
}
