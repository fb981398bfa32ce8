package org.bertology4j.analysis.attribution;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.conllu.Word;
import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far the attribution methods agree on the same inputs: on treebank sentences, the last single-piece NOUN is
 * replaced by [MASK] and every method explains the masked-LM logit of the original word there (the attention-based
 * methods by the [MASK] row of their top-layer map). Per sentence, each pair of methods is compared by the Spearman
 * correlation of its scores over the other content pieces (signed, and of |score|) and by whether both rank the same
 * piece first; the means over sentences are the agreement. Integrated gradients' completeness gap is recorded too.
 */
public final class MethodAgreement {
    /** The methods compared, in table order. */
    public static final List<String> METHODS = List.of("deeplift", "ig", "grad-input", "attn-grad", "rollout", "flow", "value-norm");

    /** One sentence's scores per method over its content pieces other than the masked one. */
    public record Item(String sentId, String maskedWord, int pieces, Map<String, double[]> scores, double igRelativeGap,
                       double deepLiftRelativeResidual) {}

    private final BertModel model;
    private final BertTokenizer tokenizer;
    private final Quadrature quadrature;
    private final List<Item> items = new ArrayList<>();

    public MethodAgreement(BertModel model, BertTokenizer tokenizer, Quadrature quadrature) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.quadrature = quadrature;
    }

    /**
     * Adds one sentence when it has a single-piece noun and {@code minPieces..maxPieces} pieces; returns whether it was
     * used.
     */
    public boolean add(Sentence s, int minPieces, int maxPieces) {
        List<String> forms = s.forms();
        Encoding enc = tokenizer.encodeWords(forms);
        if (enc.length() < minPieces || enc.length() > maxPieces || enc.truncated()) return false;
        int word = -1;
        for (int i = forms.size() - 1; i >= 0 && word < 0; i--) {
            Word w = s.words().get(i);
            if ("NOUN".equals(w.upos()) && piecesOf(enc, i).length == 1) word = i;
        }
        if (word < 0) return false;
        int pos = piecesOf(enc, word)[0], original = enc.ids()[pos];
        int[] ids = enc.ids().clone();
        ids[pos] = tokenizer.vocabulary().maskId();
        String[] pieces = enc.pieces().clone();
        pieces[pos] = "[MASK]";
        Encoding masked = new Encoding(ids, pieces, enc.segmentIds(), enc.attentionMask(), enc.offsets(), enc.wordIndex(),
                enc.words(), false);
        Target target = Target.maskedLm(pos, original);
        TargetAttribution byTarget = TargetAttribution.compute(model, tokenizer.vocabulary(), masked, target,
                List.of(TargetAttribution.Method.values()), Reference.pad(), quadrature);
        AttentionAttribution attention = AttentionAttribution.compute(model, masked, List.of(AttentionAttribution.Method.values()));
        int t = masked.length(), layers = model.config().numHiddenLayers();
        Map<String, double[]> full = new LinkedHashMap<>();
        full.put("deeplift", byTarget.deepLift().tokenScores());
        full.put("ig", byTarget.integratedGradients().tokenScores());
        full.put("grad-input", byTarget.gradientTimesInput().tokenScores());
        double[] ag = new double[t];
        for (double[] row : byTarget.attentionTimesGradient().tokenScores()) for (int j = 0; j < t; j++) ag[j] += row[j];
        full.put("attn-grad", ag);
        full.put("rollout", attention.rollout()[layers - 1][pos]);
        full.put("flow", attention.flow()[0][pos]);
        full.put("value-norm", attention.valueNorm()[layers - 1][pos]);
        Map<String, double[]> kept = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : full.entrySet()) {
            double[] v = new double[t - 3];
            for (int j = 1, k = 0; j < t - 1; j++) if (j != pos) v[k++] = e.getValue()[j];
            kept.put(e.getKey(), v);
        }
        items.add(new Item(s.sentId(), forms.get(word), t, kept, byTarget.integratedGradients().relativeResidual(),
                byTarget.deepLift().relativeResidual()));
        return true;
    }

    private static int[] piecesOf(Encoding e, int word) {
        List<Integer> p = new ArrayList<>();
        for (int t = 0; t < e.length(); t++) if (e.wordIndex()[t] == word) p.add(t);
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    public List<Item> items() { return List.copyOf(items); }

    /** Mean (and sample standard deviation) over sentences of a per-sentence statistic of two methods. */
    public record Pair(String a, String b, double spearman, double spearmanSd, double absSpearman, double topAgreement, int n) {}

    /** Every pair of methods over the sentences added. */
    public List<Pair> pairs() {
        List<Pair> out = new ArrayList<>();
        SpearmansCorrelation sp = new SpearmansCorrelation();
        for (int i = 0; i < METHODS.size(); i++) {
            for (int j = i + 1; j < METHODS.size(); j++) {
                String a = METHODS.get(i), b = METHODS.get(j);
                List<Double> rho = new ArrayList<>(), absRho = new ArrayList<>();
                int top = 0;
                for (Item it : items) {
                    double[] x = it.scores().get(a), y = it.scores().get(b);
                    if (x.length < 3) continue;
                    rho.add(sp.correlation(x, y));
                    absRho.add(sp.correlation(abs(x), abs(y)));
                    if (argmax(x) == argmax(y)) top++;
                }
                out.add(new Pair(a, b, mean(rho), sd(rho), mean(absRho), rho.isEmpty() ? Double.NaN : (double) top / rho.size(), rho.size()));
            }
        }
        return out;
    }

    /** Writes {@code agreement.json} (pairs, per-sentence scores and gaps) and {@code agreement.md} (the tables). */
    public List<Path> write(Path dir, String modelIdentity, String corpus) throws IOException {
        Files.createDirectories(dir);
        List<Pair> pairs = pairs();
        double[] gaps = items.stream().mapToDouble(Item::igRelativeGap).sorted().toArray();
        double[] dlRes = items.stream().mapToDouble(Item::deepLiftRelativeResidual).sorted().toArray();
        List<Object> perSentence = new ArrayList<>();
        for (Item it : items) {
            perSentence.add(JsonFiles.object("sent_id", it.sentId(), "masked_word", it.maskedWord(), "pieces", it.pieces(),
                    "ig_relative_gap", it.igRelativeGap(), "deeplift_relative_residual", it.deepLiftRelativeResidual(), "scores", it.scores()));
        }
        Path json = dir.resolve("agreement.json");
        JsonFiles.write(json, JsonFiles.object("model", modelIdentity, "corpus", corpus, "sentences", items.size(),
                "ig_quadrature", quadrature.name(), "ig_steps", quadrature.steps(), "pairs", pairs,
                "ig_relative_gap_median", median(gaps), "ig_relative_gap_max", gaps.length == 0 ? Double.NaN : gaps[gaps.length - 1],
                "deeplift_relative_residual_max", dlRes.length == 0 ? Double.NaN : dlRes[dlRes.length - 1], "items", perSentence));
        StringBuilder md = new StringBuilder();
        md.append("# Agreement between attribution methods\n\n").append(corpus).append(", ").append(items.size())
                .append(" sentences; model ").append(modelIdentity).append(". Target: the masked-LM logit of the last single-piece ")
                .append("noun, masked; scores over the other content pieces (attention-based methods: the [MASK] row of the ")
                .append("top-layer map). Integrated gradients: ").append(quadrature.steps()).append("-point ").append(quadrature.name())
                .append(", [PAD] reference, as DeepLIFT's.\n\n")
                .append(String.format(Locale.ROOT, "IG completeness gap (relative): median %.2e, max %.2e; DeepLIFT relative residual max %.2e.%n%n",
                        median(gaps), gaps.length == 0 ? Double.NaN : gaps[gaps.length - 1], dlRes.length == 0 ? Double.NaN : dlRes[dlRes.length - 1]))
                .append("| methods | Spearman (signed) | sd | Spearman of abs | same top piece | n |\n|---|---:|---:|---:|---:|---:|\n");
        for (Pair p : pairs) {
            md.append(String.format(Locale.ROOT, "| %s / %s | %.2f | %.2f | %.2f | %.2f | %d |%n", p.a(), p.b(), p.spearman(),
                    p.spearmanSd(), p.absSpearman(), p.topAgreement(), p.n()));
        }
        Path mdFile = dir.resolve("agreement.md");
        org.bertology4j.io.AtomicFiles.writeString(mdFile, md.toString());
        return List.of(json, mdFile);
    }

    private static double[] abs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
        return out;
    }

    private static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    private static double mean(List<Double> v) {
        double s = 0;
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) { s += x; n++; }
        return n == 0 ? Double.NaN : s / n;
    }

    private static double sd(List<Double> v) {
        double m = mean(v), s = 0;
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) { s += (x - m) * (x - m); n++; }
        return n < 2 ? Double.NaN : Math.sqrt(s / (n - 1));
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) return Double.NaN;
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
