package org.bertology4j.analysis.attribution;

import org.bertology4j.core.attribution.AttentionTimesGradient;
import org.bertology4j.core.attribution.GradientTimesInput;
import org.bertology4j.core.attribution.IntegratedGradients;
import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.io.Npy;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The target-based attributions of one input (what {@code ./bertology4j attribute --method ig,grad-input,attn-grad,
 * deeplift --target ...} writes): integrated gradients and exact DeepLIFT against the same reference, gradient x input
 * and attention x gradient, each as token scores over the input's pieces (attention x gradient also as maps).
 */
public final class TargetAttribution {
    /** The methods, by the names the CLI and the files use. */
    public enum Method {
        IG("ig"), GRAD_INPUT("grad-input"), ATTN_GRAD("attn-grad"), DEEPLIFT("deeplift");

        private final String fileName;

        Method(String fileName) { this.fileName = fileName; }

        /** The file and option name. */
        public String fileName() { return fileName; }
    }

    private final Encoding encoding;
    private final Target target;
    private final Reference reference;
    private final IntegratedGradients.Result ig;
    private final GradientTimesInput.Result gradInput;
    private final AttentionTimesGradient.Result attnGrad;
    private final Attribution deepLift;

    private TargetAttribution(Encoding encoding, Target target, Reference reference, IntegratedGradients.Result ig,
                              GradientTimesInput.Result gradInput, AttentionTimesGradient.Result attnGrad, Attribution deepLift) {
        this.encoding = encoding;
        this.target = target;
        this.reference = reference;
        this.ig = ig;
        this.gradInput = gradInput;
        this.attnGrad = attnGrad;
        this.deepLift = deepLift;
    }

    /**
     * Computes {@code methods} for one encoded input.
     *
     * @param reference  the reference of IG and DeepLIFT ({@link Reference#pad()} is the usual one)
     * @param quadrature IG's rule (e.g. 32-point Gauss-Legendre)
     */
    public static TargetAttribution compute(BertModel model, Vocabulary vocab, Encoding encoding, Target target,
                                            List<Method> methods, Reference reference, Quadrature quadrature) {
        if (methods.isEmpty()) throw new IllegalArgumentException("no method asked for");
        SpecialTokens special = new SpecialTokens(vocab.padId(), vocab.clsId(), vocab.sepId(), vocab.maskId());
        BertInput in = BertInput.of(encoding);
        return new TargetAttribution(encoding, target, reference,
                methods.contains(Method.IG) ? new IntegratedGradients(model, special).attribute(in, reference, target, quadrature) : null,
                methods.contains(Method.GRAD_INPUT) ? new GradientTimesInput(model).attribute(in, target) : null,
                methods.contains(Method.ATTN_GRAD) ? new AttentionTimesGradient(model).attribute(in, target) : null,
                methods.contains(Method.DEEPLIFT) ? new DeepLift(model, special).attribute(in, reference, target) : null);
    }

    public IntegratedGradients.Result integratedGradients() { return ig; }

    public GradientTimesInput.Result gradientTimesInput() { return gradInput; }

    public AttentionTimesGradient.Result attentionTimesGradient() { return attnGrad; }

    public Attribution deepLift() { return deepLift; }

    /**
     * The token scores of each computed method with row labels, as the viewer colours tokens: one row for IG,
     * gradient x input and DeepLIFT's word embeddings (DeepLIFT also per layer), one per layer for attention x
     * gradient (the attention each token receives, weighted by its gradient).
     */
    public Map<Method, Rows> tokenRows() {
        Map<Method, Rows> out = new LinkedHashMap<>();
        if (ig != null) out.put(Method.IG, new Rows(List.of("word embeddings"), new double[][]{ig.tokenScores()}));
        if (gradInput != null) out.put(Method.GRAD_INPUT, new Rows(List.of("word embeddings"), new double[][]{gradInput.tokenScores()}));
        if (attnGrad != null) {
            double[][] s = attnGrad.tokenScores();
            List<String> labels = new ArrayList<>();
            for (int n = 1; n <= s.length; n++) labels.add("layer " + n + " (received)");
            out.put(Method.ATTN_GRAD, new Rows(labels, s));
        }
        if (deepLift != null) {
            List<String> labels = new ArrayList<>(List.of("word embeddings"));
            for (int n = 0; n < deepLift.layerScores().length; n++) labels.add(n == 0 ? "embeddings h0" : "layer " + n);
            double[][] rows = new double[deepLift.layerScores().length + 1][];
            rows[0] = deepLift.tokenScores();
            System.arraycopy(deepLift.layerScores(), 0, rows, 1, deepLift.layerScores().length);
            out.put(Method.DEEPLIFT, new Rows(labels, rows));
        }
        return out;
    }

    /** Labelled rows of token scores [rows][T]. */
    public record Rows(List<String> labels, double[][] scores) {}

    /** A label for a method as the viewer and figures show it. */
    public static String label(Method m) {
        return switch (m) {
            case IG -> "Integrated gradients";
            case GRAD_INPUT -> "Gradient x input";
            case ATTN_GRAD -> "Attention x gradient";
            case DEEPLIFT -> "DeepLIFT";
        };
    }

    /**
     * Writes {@code METHOD.npy} per method (float32 token scores [rows, T]; {@code attn-grad-maps.npy} [L, T, T] too)
     * into {@code dir}; returns the entries of {@code attribution.json} and adds the files to {@code written}.
     */
    public List<Object> writeMethods(Path dir, List<Path> written) throws IOException {
        Files.createDirectories(dir);
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<Method, Rows> e : tokenRows().entrySet()) {
            Method m = e.getKey();
            double[][] rows = e.getValue().scores();
            Path f = dir.resolve(m.fileName() + ".npy");
            Npy.writeFloat32(f, new long[]{rows.length, encoding.length()}, flatten(rows));
            written.add(f);
            Map<String, Object> entry = new LinkedHashMap<>(JsonFiles.object("method", m.fileName(), "file", f.getFileName().toString(),
                    "entry", "[row][input token]", "rows", e.getValue().labels(), "target", target.toString(), "definition", definition(m)));
            switch (m) {
                case IG -> entry.putAll(JsonFiles.object("reference", reference.toString(), "quadrature", ig.quadrature().name(),
                        "steps", ig.quadrature().steps(), "target_input", ig.targetInput(), "target_reference", ig.targetReference(),
                        "delta", ig.delta(), "residual", ig.residual(), "relative_residual", ig.relativeResidual(), "forwards", ig.forwards(),
                        "backwards", ig.backwards()));
                case DEEPLIFT -> entry.putAll(JsonFiles.object("reference", reference.toString(), "target_input", deepLift.targetInput(),
                        "target_reference", deepLift.targetReference(), "delta", deepLift.delta(), "residual", deepLift.residual(),
                        "relative_residual", deepLift.relativeResidual()));
                case GRAD_INPUT -> entry.putAll(JsonFiles.object("target_input", gradInput.targetValue(), "gradient_norms", gradInput.gradientNorms()));
                case ATTN_GRAD -> {
                    double[][][] maps = attnGrad.layerMaps();
                    Path mf = dir.resolve("attn-grad-maps.npy");
                    Npy.writeFloat32(mf, new long[]{maps.length, encoding.length(), encoding.length()}, flatten(maps));
                    written.add(mf);
                    entry.putAll(JsonFiles.object("target_input", attnGrad.targetValue(), "maps_file", mf.getFileName().toString(),
                            "maps_entry", "[layer][output token][input token], summed over heads"));
                }
            }
            entries.add(entry);
        }
        return entries;
    }

    private static String definition(Method m) {
        return switch (m) {
            case IG -> "integrated gradients (Sundararajan et al. 2017): (x - x0) . integral of dF/de along x0 + a(x - x0)";
            case GRAD_INPUT -> "gradient x input: e_t . dF/de_t";
            case ATTN_GRAD -> "attention x gradient: A . dF/dA per layer and head; rows here: column sums over heads and output tokens";
            case DEEPLIFT -> "exact DeepLIFT (docs/deeplift.md): row 0 word embeddings, then h_0 .. h_L";
        };
    }

    static float[] flatten(double[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        int k = 0;
        for (double[] r : rows) for (double v : r) out[k++] = (float) v;
        return out;
    }

    static float[] flatten(double[][][] maps) {
        int t = maps[0].length;
        float[] out = new float[maps.length * t * t];
        int k = 0;
        for (double[][] m : maps) for (double[] row : m) for (double v : row) out[k++] = (float) v;
        return out;
    }

    /** Summary line: target, delta, IG's gap and DeepLIFT's residual when computed. */
    public String summary() {
        StringBuilder sb = new StringBuilder("target " + target);
        if (ig != null) sb.append(String.format(Locale.ROOT, "; IG (%s, %d steps): delta %.6f, completeness gap %.3e (relative %.2e), %d forwards",
                ig.quadrature().name(), ig.quadrature().steps(), ig.delta(), ig.residual(), ig.relativeResidual(), ig.forwards()));
        if (deepLift != null) sb.append(String.format(Locale.ROOT, "; DeepLIFT: delta %.6f, residual %.3e (relative %.2e)",
                deepLift.delta(), deepLift.residual(), deepLift.relativeResidual()));
        return sb.toString();
    }
}
