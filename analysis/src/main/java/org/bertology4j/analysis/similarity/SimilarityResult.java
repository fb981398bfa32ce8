package org.bertology4j.analysis.similarity;

import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.core.attribution.SimilarityAttribution;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.embedding.EmbeddingSpec;
import org.bertology4j.core.embedding.SentenceEmbedder;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.plot.Plots;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why two texts are similar, at piece and word level: the similarity of their sentence embeddings (the model's
 * pooling, {@link EmbeddingSpec}) attributed to both texts' tokens by exact DeepLIFT (per layer) and integrated
 * gradients against the same reference, with completeness residuals, and each word's counterparts in the other text
 * (the other text's words whose last-layer vectors are closest, by cosine; word vector = mean of its pieces'); the
 * cosines of every pair of words are kept ({@link #wordCosines()}) for the page's pair view.
 *
 * <pre>{@code
 * SimilarityResult r = SimilarityResult.compute(embedder, "A cat sat on the mat.", "A kitten was sitting on a rug.",
 *         SimilarityAttribution.Measure.COSINE, Reference.pad(), Quadrature.gaussLegendre(32), EmbeddingSpec.Role.PLAIN);
 * r.write(Path.of("out"));   // similarity.json, deeplift-a.png, deeplift-b.png, similarity.html
 * }</pre>
 */
public final class SimilarityResult {
    /** How many counterparts each word links to. */
    static final int COUNTERPARTS = 3;

    /** One text: its encoding, DeepLIFT and IG piece scores, and word-level views. */
    public record Text(String label, String text, Encoding encoding, double[] deepLift, double[][] deepLiftLayers,
                       double[] ig, List<Unit> words) {}

    /**
     * A word (or [CLS]/[SEP]) with the sum of its pieces' scores and its counterparts in the other text.
     *
     * @param counterparts indices into the other text's words, best first
     * @param cosines      their cosines
     */
    public record Unit(String word, int[] pieces, double deepLift, double[] deepLiftLayers, double ig, int[] counterparts,
                       double[] cosines) {}

    private final String model;
    private final EmbeddingSpec spec;
    private final SimilarityAttribution.Measure measure;
    private final String reference;
    private final SimilarityAttribution.DeepLiftResult deepLift;
    private final SimilarityAttribution.IgResult ig;
    private final Text a, b;
    private final double[][] wordCosines;   // [word of A][word of B]

    private SimilarityResult(String model, EmbeddingSpec spec, SimilarityAttribution.Measure measure, String reference,
                             SimilarityAttribution.DeepLiftResult deepLift, SimilarityAttribution.IgResult ig, Text a, Text b,
                             double[][] wordCosines) {
        this.model = model;
        this.spec = spec;
        this.measure = measure;
        this.reference = reference;
        this.deepLift = deepLift;
        this.ig = ig;
        this.a = a;
        this.b = b;
        this.wordCosines = wordCosines;
    }

    /**
     * Attributes the similarity of {@code textA} and {@code textB} (each prefixed for {@code role} and truncated as the
     * embedder does).
     *
     * @param modelName shown in the files
     */
    public static SimilarityResult compute(String modelName, SentenceEmbedder embedder, String textA, String textB,
                                           SimilarityAttribution.Measure measure, Reference reference, Quadrature q,
                                           EmbeddingSpec.Role role) {
        Vocabulary v = embedder.tokenizer().vocabulary();
        SpecialTokens special = new SpecialTokens(v.padId(), v.clsId(), v.sepId(), v.maskId());
        Encoding ea = embedder.encode(textA, role), eb = embedder.encode(textB, role);
        BertInput ia = BertInput.of(ea), ib = BertInput.of(eb);
        SimilarityAttribution sim = new SimilarityAttribution(embedder.model(), special, embedder.spec().pooling(), measure);
        SimilarityAttribution.DeepLiftResult d = sim.deepLift(ia, ib, reference);
        SimilarityAttribution.IgResult ig = sim.integratedGradients(ia, ib, reference, q);
        double[][] va = wordVectors(embedder, ia, ea), vb = wordVectors(embedder, ib, eb);
        double[][] cos = new double[va.length][vb.length], cosT = new double[vb.length][va.length];
        for (int u = 0; u < va.length; u++) {
            for (int w = 0; w < vb.length; w++) cosT[w][u] = cos[u][w] = cosine(va[u], vb[w]);   // symmetric, bit for bit
        }
        Text ta = text("A", textA, ea, d.a().tokenScores(), d.a().layerScores(), ig.tokenScoresA(), cos);
        Text tb = text("B", textB, eb, d.b().tokenScores(), d.b().layerScores(), ig.tokenScoresB(), cosT);
        return new SimilarityResult(modelName, embedder.spec(), measure, reference.toString(), d, ig, ta, tb, cos);
    }

    /**
     * The cosine of the last-layer vectors of every pair of words (and [CLS]/[SEP]), {@code [word of A][word of B]} in
     * the order of {@link Text#words()}: the quantity the page's pair view shades the other text by. A copy.
     */
    public double[][] wordCosines() {
        double[][] c = new double[wordCosines.length][];
        for (int u = 0; u < c.length; u++) c[u] = wordCosines[u].clone();
        return c;
    }

    public SimilarityAttribution.DeepLiftResult deepLift() { return deepLift; }

    public SimilarityAttribution.IgResult integratedGradients() { return ig; }

    public Text a() { return a; }

    public Text b() { return b; }

    /** Units of an encoding: [CLS], each word (its pieces), [SEP], in order of first piece. */
    static List<int[]> units(Encoding e) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int t = 0; t < e.length(); t++) {
            String key = e.wordIndex()[t] < 0 ? "s" + t : "w" + e.wordIndex()[t];
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) out.add(g.stream().mapToInt(Integer::intValue).toArray());
        return out;
    }

    /** Mean of the last-layer piece vectors of each unit. */
    private static double[][] wordVectors(SentenceEmbedder embedder, BertInput in, Encoding e) {
        double[][] h = embedder.model().forward(in, TraceOptions.none()).lastHidden().castTo(DataType.DOUBLE)
                .reshape(in.seqLen(), embedder.model().config().hiddenSize()).toDoubleMatrix();
        List<int[]> units = units(e);
        double[][] out = new double[units.size()][h[0].length];
        for (int u = 0; u < units.size(); u++) {
            for (int p : units.get(u)) for (int j = 0; j < h[p].length; j++) out[u][j] += h[p][j] / units.get(u).length;
        }
        return out;
    }

    /** {@code cosines[u][j]}: of this text's unit u and the other text's unit j. */
    private static Text text(String label, String raw, Encoding e, double[] dl, double[][] dlLayers, double[] ig,
                             double[][] cosines) {
        List<int[]> units = units(e);
        List<Unit> out = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            int[] pieces = units.get(u);
            double sDl = 0, sIg = 0;
            double[] layers = new double[dlLayers.length];
            StringBuilder word = new StringBuilder();
            for (int p : pieces) {
                sDl += dl[p];
                sIg += ig[p];
                for (int n = 0; n < layers.length; n++) layers[n] += dlLayers[n][p];
                String piece = e.pieces()[p];
                word.append(piece.startsWith("##") ? piece.substring(2) : piece);
            }
            double[] cos = cosines[u];
            Integer[] order = new Integer[cos.length];
            for (int j = 0; j < cos.length; j++) order[j] = j;
            Arrays.sort(order, (x, y) -> Double.compare(cos[y], cos[x]));
            int k = Math.min(COUNTERPARTS, cos.length);
            int[] best = new int[k];
            double[] bestCos = new double[k];
            for (int i = 0; i < k; i++) {
                best[i] = order[i];
                bestCos[i] = cos[order[i]];
            }
            out.add(new Unit(word.toString(), pieces, sDl, layers, sIg, best, bestCos));
        }
        return new Text(label, raw, e, dl, dlLayers, ig, out);
    }

    private static double cosine(double[] x, double[] y) {
        double d = 0, nx = 0, ny = 0;
        for (int j = 0; j < x.length; j++) {
            d += x[j] * y[j];
            nx += x[j] * x[j];
            ny += y[j] * y[j];
        }
        return d / Math.sqrt(nx * ny);
    }

    /** Writes {@code similarity.json}, {@code deeplift-a.png}, {@code deeplift-b.png} and {@code similarity.html}; returns them. */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Path json = dir.resolve("similarity.json");
        JsonFiles.write(json, JsonFiles.object("model", model, "pooling", spec.pooling().name().toLowerCase(Locale.ROOT),
                "spec_source", spec.source(), "measure", measure.name().toLowerCase(Locale.ROOT), "reference", reference,
                "similarity", deepLift.similarity(), "reference_similarity", deepLift.referenceValue(), "delta", deepLift.delta(),
                "deeplift", JsonFiles.object("relative_residual", deepLift.relativeResidual(),
                        "relative_layer_residuals", deepLift.relativeLayerResiduals(),
                        "share_a", deepLift.a().delta(), "share_b", deepLift.b().delta(),
                        "layer_rows", "row 0 = embedding output h_0, row n = output of layer n"),
                "integrated_gradients", JsonFiles.object("quadrature", ig.quadrature().name(), "steps", ig.quadrature().steps(),
                        "residual", ig.residual(), "relative_residual", ig.relativeResidual(), "forwards", ig.forwards()),
                "a", textJson(a), "b", textJson(b),
                "word_cosines", JsonFiles.object("entry", "[word of a][word of b]: cosine of their last-layer vectors (mean of the pieces')",
                        "values", wordCosines)));
        files.add(json);
        for (Text t : List.of(a, b)) {
            List<String> rows = new ArrayList<>();
            for (int n = 0; n < t.deepLiftLayers().length; n++) rows.add(n == 0 ? "embeddings h0" : "layer " + n);
            List<String> cols = t.words().stream().map(Unit::word).toList();
            double[][] byWord = new double[t.deepLiftLayers().length][t.words().size()];
            for (int u = 0; u < t.words().size(); u++) {
                for (int n = 0; n < byWord.length; n++) byWord[n][u] = t.words().get(u).deepLiftLayers()[n];
            }
            Path png = dir.resolve("deeplift-" + t.label().toLowerCase(Locale.ROOT) + ".png");
            Plots.save(Plots.heatmap("DeepLIFT of the " + measure.name().toLowerCase(Locale.ROOT) + " similarity, text " + t.label()
                    + " (share " + String.format(Locale.ROOT, "%.4f", t == a ? deepLift.a().delta() : deepLift.b().delta()) + ")",
                    byWord, rows, cols, "word", "layer", true), png);
            files.add(png);
        }
        Path html = dir.resolve("similarity.html");
        AtomicFiles.writeString(html, SimilarityPage.html(this));
        files.add(html);
        return files;
    }

    private static Map<String, Object> textJson(Text t) {
        List<Object> words = new ArrayList<>();
        for (Unit u : t.words()) {
            words.add(JsonFiles.object("word", u.word(), "pieces", u.pieces(), "deeplift", u.deepLift(), "ig", u.ig(),
                    "deeplift_layers", u.deepLiftLayers(), "counterparts", u.counterparts(), "counterpart_cosines", u.cosines()));
        }
        return JsonFiles.object("text", t.text(), "pieces", t.encoding().pieces(), "deeplift", t.deepLift(),
                "deeplift_layers", t.deepLiftLayers(), "ig", t.ig(), "words", words);
    }

    String model() { return model; }

    SimilarityAttribution.Measure measure() { return measure; }

    String reference() { return reference; }

    EmbeddingSpec spec() { return spec; }
}
