package org.bertology4j.analysis.qa.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.plot.Plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The study's aggregate over its questions: per layer the mean share of attribution per group of tokens (start, end,
 * both) with standard errors, for all questions and for those the model answers or not; the paper's claims tested on
 * these numbers; the clusters of questions by their per-layer profiles with typical questions. {@link #write} puts
 * {@code qa-study.json}, {@code qa-study.md} and the figures ({@code curves-*.png}, {@code clusters.png}, with SVGs).
 *
 * @param questions      the questions' summaries, in order
 * @param layers         the model's layers L (shares run over h_0 .. h_L)
 * @param model          the model's identity fields
 * @param sampleSize     questions in the sample (more than {@code questions} when a time budget stopped the run)
 * @param claims         the claims tested, in order
 * @param clustering     the clusters (null with fewer than 3 questions)
 */
public record QaStudyResult(List<QuestionAttribution> questions, int layers, Map<String, String> model, int sampleSize,
                            List<Claim> claims, ProfileClustering clustering) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String[] GROUPS = {"question", "answer", "[SEP]", "[CLS]", "other context"};

    /**
     * One claim of the paper, tested per question with a sign test of two per-question numbers.
     *
     * @param name      short name
     * @param paper     the paper's words (quoted, with section)
     * @param test      what is compared
     * @param meanA     mean of the first number over the questions tested
     * @param meanB     mean of the second
     * @param sign      the sign test of first against second
     * @param holds     whether the first is larger in most questions at p &lt; 0.01
     */
    public record Claim(String name, String paper, String test, double meanA, double meanB, SignTest sign, boolean holds) {}

    /** Aggregates the questions (clusters seeded by {@code seed}). */
    public static QaStudyResult of(List<QuestionAttribution> questions, int layers, long seed, Map<String, String> model, int sampleSize) {
        List<Claim> claims = claims(questions, layers);
        ProfileClustering c = null;
        if (questions.size() >= 3) {
            double[][] profiles = questions.stream().map(QuestionAttribution::profile).toArray(double[][]::new);
            c = ProfileClustering.cluster(profiles, 2, 6, seed);
        }
        return new QaStudyResult(List.copyOf(questions), layers, model, sampleSize, claims, c);
    }

    /** Mean over layers {@code from..to} (inclusive) of a per-layer series. */
    static double mean(double[] perLayer, int from, int to) {
        double s = 0;
        for (int n = from; n <= to; n++) s += perLayer[n];
        return s / (to - from + 1);
    }

    static double[] column(double[][] shares, int group) {
        double[] out = new double[shares.length];
        for (int n = 0; n < shares.length; n++) out[n] = shares[n][group];
        return out;
    }

    private static Claim claim(String name, String paper, String test, List<QuestionAttribution> qs,
                               Function<QuestionAttribution, Double> a, Function<QuestionAttribution, Double> b) {
        double[] x = qs.stream().mapToDouble(a::apply).toArray(), y = qs.stream().mapToDouble(b::apply).toArray();
        SignTest s = SignTest.of(x, y);
        return new Claim(name, paper, test + " (" + qs.size() + " questions)", Arrays.stream(x).average().orElse(Double.NaN),
                Arrays.stream(y).average().orElse(Double.NaN), s, s.more() > s.less() && s.p() < 0.01);
    }

    /**
     * The paper's statements as tests. The output layer h_L is left out of every "late" range: the span head reads h_L
     * only at the span's first and last piece, so at h_L all attribution sits on the predicted span by construction
     * (answer share 1, question share 0) and would decide any comparison with it. "Late" is h_{L-L/3+1} .. h_{L-1}, and
     * "the output layer" of the paper's Figure 13 is tested at h_{L-1}, the last state attribution can spread over.
     */
    static List<Claim> claims(List<QuestionAttribution> all, int layers) {
        int earlyTo = Math.max(1, layers / 3), lateFrom = layers - layers / 3 + 1, lateTo = layers - 1,
                midFrom = earlyTo + 1, midTo = lateFrom - 1;
        String early = "h_1..h_" + earlyTo, late = "h_" + lateFrom + "..h_" + lateTo, middle = "h_" + midFrom + "..h_" + midTo;
        List<QuestionAttribution> withKeywords = all.stream().filter(q -> q.keywords() > 0).toList();
        List<QuestionAttribution> withSpan = all.stream().filter(q -> !q.span().isEmpty()).toList();
        int q = 0, ans = 1, sep = 2;
        List<Claim> out = new ArrayList<>();
        out.add(claim("question keywords first", "\"first focuses on the tokens in the text with respect to keywords in the question\" (section 6)",
                "share of the question keywords, mean over " + early + " > mean over " + late, withKeywords,
                x -> mean(x.meanKeywords(), 1, earlyTo), x -> mean(x.meanKeywords(), lateFrom, lateTo)));
        out.add(claim("question first", "(the same claim, all question pieces)",
                "share of the question, mean over " + early + " > mean over " + late, all,
                x -> mean(column(x.meanShares(), q), 1, earlyTo), x -> mean(column(x.meanShares(), q), lateFrom, lateTo)));
        out.add(claim("answer tokens in the last layers", "\"Later on it shifts its attention to only those tokens which it thinks are vital in constructing the final answer\" (section 6)",
                "share of the predicted span, mean over " + late + " > mean over " + early, withSpan,
                x -> mean(column(x.meanShares(), ans), lateFrom, lateTo), x -> mean(column(x.meanShares(), ans), 1, earlyTo)));
        out.add(claim("answer dominates the last layer", "\"In the output layer (figure 13), we see our model gives its full attention to only those tokens which are part of the prediction\" (section 5)",
                "share of the predicted span at h_" + lateTo + " > 0.5 (at h_" + layers + " it is 1 by construction)", withSpan,
                x -> x.meanShares()[lateTo][ans], x -> 0.5));
        out.add(claim("separators in the initial layers", "\"In the initial layers, the model focuses on the separator tokens in the input text first\" (section 5)",
                "share of [SEP], mean over " + early + " > mean over " + late, all,
                x -> mean(column(x.meanShares(), sep), 1, earlyTo), x -> mean(column(x.meanShares(), sep), lateFrom, lateTo)));
        out.add(claim("keywords dropped in the middle", "\"The model focus on beyonce till layer 4 and then completely ignores (no attention) it from layer 5\" (section 5)",
                "keyword share, mean over " + early + " > mean over " + middle, withKeywords,
                x -> mean(x.meanKeywords(), 1, earlyTo), x -> mean(x.meanKeywords(), midFrom, midTo)));
        out.add(claim("keywords back in the last layers", "\"It focuses on the question keywords (for example beyonce) again in the last layers\" (section 5)",
                "keyword share at h_" + (lateTo - 1) + "..h_" + lateTo + " > mean over " + middle, withKeywords,
                x -> mean(x.meanKeywords(), lateTo - 1, lateTo), x -> mean(x.meanKeywords(), midFrom, midTo)));
        return out;
    }

    /** [layer][group] mean over the questions matching {@code filter} of {@code shares}. */
    double[][] meanShares(Predicate<QuestionAttribution> filter, Function<QuestionAttribution, double[][]> shares) {
        List<QuestionAttribution> qs = questions.stream().filter(filter).toList();
        double[][] m = new double[layers + 1][GROUPS.length];
        for (QuestionAttribution x : qs) {
            double[][] s = shares.apply(x);
            for (int n = 0; n <= layers; n++) for (int g = 0; g < GROUPS.length; g++) m[n][g] += s[n][g] / qs.size();
        }
        return m;
    }

    /** [layer] standard error of the mean of {@code shares[layer][group]}. */
    double[] standardErrors(int group, Function<QuestionAttribution, double[][]> shares) {
        double[] se = new double[layers + 1];
        int n = questions.size();
        if (n < 2) return se;
        for (int l = 0; l <= layers; l++) {
            final int layer = l;
            double[] v = questions.stream().mapToDouble(x -> shares.apply(x)[layer][group]).toArray();
            double mean = Arrays.stream(v).average().orElse(0), ss = 0;
            for (double d : v) ss += (d - mean) * (d - mean);
            se[l] = Math.sqrt(ss / (n - 1) / n);
        }
        return se;
    }

    double[] meanKeywords(Predicate<QuestionAttribution> filter) {
        List<QuestionAttribution> qs = questions.stream().filter(filter).filter(x -> x.keywords() > 0).toList();
        double[] m = new double[layers + 1];
        for (QuestionAttribution x : qs) for (int n = 0; n <= layers; n++) m[n] += x.meanKeywords()[n] / qs.size();
        return m;
    }

    /** Writes qa-study.json, qa-study.md and the figures into {@code dir}. */
    public void write(Path dir) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model);
        json.put("questions", questions.size());
        json.put("questions_in_sample", sampleSize);
        json.put("complete", questions.size() == sampleSize);
        json.put("answered", questions.stream().filter(QuestionAttribution::answered).count());
        json.put("answerable", questions.stream().filter(QuestionAttribution::answerable).count());
        json.put("groups", GROUPS);
        json.put("layers_rows", "row n = h_n (0 = embedding output)");
        json.put("shares_mean_of_start_and_end", meanShares(x -> true, QuestionAttribution::meanShares));
        json.put("shares_start", meanShares(x -> true, QuestionAttribution::startShares));
        json.put("shares_end", meanShares(x -> true, QuestionAttribution::endShares));
        json.put("shares_answered", meanShares(QuestionAttribution::answered, QuestionAttribution::meanShares));
        json.put("shares_not_answered", meanShares(x -> !x.answered(), QuestionAttribution::meanShares));
        json.put("keyword_share", meanKeywords(x -> true));
        double[] residuals = questions.stream().mapToDouble(QuestionAttribution::residual).sorted().toArray();
        json.put("residual_max", residuals.length == 0 ? Double.NaN : residuals[residuals.length - 1]);
        json.put("residual_median", residuals.length == 0 ? Double.NaN : residuals[residuals.length / 2]);
        json.put("seconds_per_question_median", median(questions.stream().mapToDouble(QuestionAttribution::seconds).toArray()));
        json.put("claims", claims);
        if (clustering != null) json.put("clusters", clusterJson());
        AtomicFiles.writeString(dir.resolve("qa-study.json"), JSON.writeValueAsString(json));
        AtomicFiles.writeString(dir.resolve("qa-study.md"), markdown());
        figures(dir);
    }

    private static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private List<Map<String, Object>> clusterJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int c = 0; c < clustering.k(); c++) {
            final int cluster = c;
            List<Integer> members = IntStream.range(0, questions.size()).filter(i -> clustering.assignments()[i] == cluster).boxed().toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cluster", c + 1);
            m.put("size", members.size());
            m.put("mean_silhouette", members.stream().mapToDouble(i -> clustering.silhouette()[i]).average().orElse(0));
            m.put("answered_share", members.stream().filter(i -> questions.get(i).answered()).count() / (double) members.size());
            m.put("answerable_share", members.stream().filter(i -> questions.get(i).answerable()).count() / (double) members.size());
            Map<String, Long> wh = new TreeMap<>();
            for (int i : members) wh.merge(questions.get(i).whWord(), 1L, Long::sum);
            m.put("wh_words", wh);
            m.put("centroid_shares", centroidShares(c));
            m.put("typical", typical(c, 5).stream().map(i -> Map.of("id", questions.get(i).id(), "question", questions.get(i).question(),
                    "predicted", questions.get(i).predicted(), "gold", questions.get(i).gold())).toList());
            out.add(m);
        }
        return out;
    }

    /** [layer][group] of cluster c's centroid. */
    double[][] centroidShares(int c) {
        double[] p = clustering.centroids()[c];
        double[][] s = new double[layers + 1][GROUPS.length];
        for (int n = 0; n <= layers; n++) System.arraycopy(p, n * GROUPS.length, s[n], 0, GROUPS.length);
        return s;
    }

    /** The {@code n} members of cluster c nearest its centroid. */
    List<Integer> typical(int c, int n) {
        double[] centre = clustering.centroids()[c];
        return IntStream.range(0, questions.size()).filter(i -> clustering.assignments()[i] == c).boxed()
                .sorted(Comparator.comparingDouble(i -> ProfileClustering.distance(questions.get(i).profile(), centre)))
                .limit(n).toList();
    }

    private void figures(Path dir) throws IOException {
        double[] x = IntStream.rangeClosed(0, layers).asDoubleStream().toArray();
        for (var e : Map.<String, Function<QuestionAttribution, double[][]>>of("mean", QuestionAttribution::meanShares,
                "start", QuestionAttribution::startShares, "end", QuestionAttribution::endShares).entrySet()) {
            double[][] m = meanShares(q -> true, e.getValue());
            Map<String, double[]> series = new LinkedHashMap<>();
            for (int g = 0; g < GROUPS.length; g++) series.put(GROUPS[g], column(m, g));
            if (e.getKey().equals("mean")) series.put("question keywords", meanKeywords(q -> true));
            Plots.lineChart(dir.resolve("curves-" + e.getKey() + ".png"), "Share of |DeepLIFT| per layer (" + e.getKey()
                    + (e.getKey().equals("mean") ? " of start and end" : " logit") + ", " + questions.size() + " questions)",
                    "hidden state h_n", "share of attribution", x, series);
        }
        if (clustering != null) {
            Map<String, double[]> series = new LinkedHashMap<>();
            for (int c = 0; c < clustering.k(); c++) {
                double[][] s = centroidShares(c);
                final int cluster = c;
                long size = Arrays.stream(clustering.assignments()).filter(a -> a == cluster).count();
                series.put("cluster " + (c + 1) + " (" + size + "): question", column(s, 0));
                series.put("cluster " + (c + 1) + " (" + size + "): answer", column(s, 1));
            }
            Plots.lineChart(dir.resolve("clusters.png"), "Clusters of questions: centroid shares (k = " + clustering.k() + ")",
                    "hidden state h_n", "share of attribution", x, series);
        }
    }

    /** The report. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        long answered = questions.stream().filter(QuestionAttribution::answered).count();
        b.append("# DeepLIFT of a fine-tuned QA model per layer (arXiv 1910.06431)\n\n");
        b.append(String.format(Locale.ROOT, "%d questions (of a seeded random sample of %d, attributed in random order); the model answers %d, predicts no answer for %d. "
                + "Targets: the predicted start and end logits at the best span (attributed even when the model predicts no answer), "
                + "[PAD] reference. Shares: per hidden state h_n, Σ|score| of a group / Σ|score|, mean over questions.%n%n",
                questions.size(), sampleSize, answered, questions.size() - answered));
        double[][] m = meanShares(q -> true, QuestionAttribution::meanShares);
        double[] kw = meanKeywords(q -> true);
        b.append("| h_n | ").append(String.join(" | ", GROUPS)).append(" | question keywords |\n|---|");
        b.append("---:|".repeat(GROUPS.length + 1)).append('\n');
        for (int n = 0; n <= layers; n++) {
            b.append("| ").append(n).append(" |");
            for (int g = 0; g < GROUPS.length; g++) b.append(String.format(Locale.ROOT, " %.3f |", m[n][g]));
            b.append(String.format(Locale.ROOT, " %.3f |%n", kw[n]));
        }
        double[] res = questions.stream().mapToDouble(QuestionAttribution::residual).toArray();
        b.append(String.format(Locale.ROOT, "%nCompleteness: largest relative residual over both targets and all layers: median %.2g, max %.2g. "
                + "Median time per question %.1f s.%n%n", median(res), Arrays.stream(res).max().orElse(Double.NaN),
                median(questions.stream().mapToDouble(QuestionAttribution::seconds).toArray())));
        b.append("## The paper's claims on these numbers\n\n| claim | paper | test | mean A | mean B | A > B | A < B | sign test p | holds |\n|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Claim c : claims) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %d | %d | %.2g | %s |%n", c.name(), c.paper(), c.test(),
                    c.meanA(), c.meanB(), c.sign().more(), c.sign().less(), c.sign().p(), c.holds() ? "yes" : "no"));
        }
        if (clustering != null) {
            b.append(String.format(Locale.ROOT, "%n## Clusters (k-means of the %d-number profiles, k = %d by silhouette: %s)%n%n",
                    (layers + 1) * GROUPS.length, clustering.k(), silhouettes()));
            for (Map<String, Object> c : clusterJson()) {
                double[][] s = centroidShares((Integer) c.get("cluster") - 1);
                b.append(String.format(Locale.ROOT, "**Cluster %d** (%d questions, answered %.0f%%, answerable %.0f%%, wh-words %s): "
                                + "question share h_1 %.2f → h_%d %.2f, answer share h_1 %.2f → h_%d %.2f.%n%n", c.get("cluster"), c.get("size"),
                        100 * (double) c.get("answered_share"), 100 * (double) c.get("answerable_share"), c.get("wh_words"),
                        s[1][0], layers, s[layers][0], s[1][1], layers, s[layers][1]));
                for (Object t : (List<?>) c.get("typical")) {
                    Map<?, ?> q = (Map<?, ?>) t;
                    b.append(String.format("- %s → \"%s\" (gold \"%s\")%n", q.get("question"), q.get("predicted"), q.get("gold")));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private String silhouettes() {
        StringBuilder s = new StringBuilder();
        clustering.silhouettes().forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "k=%d %.3f", k, v)));
        return s.toString();
    }
}
