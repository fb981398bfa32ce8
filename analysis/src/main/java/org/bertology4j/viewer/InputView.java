package org.bertology4j.viewer;

import org.bertology4j.analysis.attention.AttentionMaps;
import org.bertology4j.analysis.attribution.AttentionAttribution;
import org.bertology4j.analysis.attribution.AttentionFlow;
import org.bertology4j.analysis.attribution.AttentionRollout;
import org.bertology4j.analysis.attribution.ResidualAttention;
import org.bertology4j.analysis.attribution.ValueNormAttention;
import org.bertology4j.analysis.attribution.TargetAttribution;
import org.bertology4j.analysis.deeplift.DeepLiftResult;
import org.bertology4j.analysis.deeplift.DeepLiftTargets;
import org.bertology4j.analysis.flow.PieceFlowResult;
import org.bertology4j.analysis.maskedlm.FillMask;
import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

/**
 * The viewer page of one input: computes what the page shows (attention; G and G* flow; DeepLIFT of a target
 * against a [PAD] reference; on request attention rollout, attention flow and norm-based attention) and writes it
 * with {@link ViewerPage}:
 *
 * <pre>{@code
 * InputView.of(model, tokenizer).withModel("bert-base-uncased", "")
 *         .write(Path.of("view.html"), "The capital of France is [MASK].", null);
 * }</pre>
 *
 * @param model          the engine
 * @param tokenizer      its tokenizer
 * @param modelName      shown in the page's title and header ("" for none)
 * @param modelHash      the weights' hash shown in the header ("" for none)
 * @param flow           whether to compute G and G* (one backward pass per layer and piece)
 * @param deepLiftTarget a {@link DeepLiftTargets} spec; null: {@code mlm:mask:<top prediction>} when the text has a
 *                       [MASK], else no DeepLIFT
 * @param methods        further attribution methods of that target, coloured like DeepLIFT (integrated gradients with
 *                       32 Gauss-Legendre points against the [PAD] reference, gradient x input, attention x gradient);
 *                       they need a target: {@link #data} fails when there is none
 * @param maps           attention-based maps added to the page's measures, from the same forward pass: rollout after
 *                       every layer, flow into every layer ({@link AttentionFlow#intoEveryLayer}: L·T² max-flows, seconds
 *                       for a sentence), norm-based attention per head and with the heads mixed
 */
public record InputView(BertModel model, BertTokenizer tokenizer, String modelName, String modelHash, boolean flow,
                        String deepLiftTarget, List<TargetAttribution.Method> methods, List<AttentionAttribution.Method> maps) {

    public InputView {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(modelName, "model name");
        Objects.requireNonNull(modelHash, "model hash");
        methods = List.copyOf(methods);
        maps = List.copyOf(maps);
    }

    /** The page of {@code model} with flow and the default DeepLIFT target, no model name. */
    public static InputView of(BertModel model, BertTokenizer tokenizer) {
        return new InputView(model, tokenizer, "", "", true, null, List.of(), List.of());
    }

    /** The same view naming the model (name and weights hash, either may be empty). */
    public InputView withModel(String name, String hash) {
        return new InputView(model, tokenizer, name, hash, flow, deepLiftTarget, methods, maps);
    }

    /** The same view with or without G and G*. */
    public InputView withFlow(boolean on) {
        return new InputView(model, tokenizer, modelName, modelHash, on, deepLiftTarget, methods, maps);
    }

    /** The same view with DeepLIFT of {@code spec} (null: the default, see {@link #deepLiftTarget()}). */
    public InputView withDeepLiftTarget(String spec) {
        return new InputView(model, tokenizer, modelName, modelHash, flow, spec, methods, maps);
    }

    /** The same view with further attribution methods of the DeepLIFT target (DEEPLIFT itself is always there). */
    public InputView withMethods(List<TargetAttribution.Method> more) {
        return new InputView(model, tokenizer, modelName, modelHash, flow, deepLiftTarget, more, maps);
    }

    /** The same view with these attention-based maps among the page's measures (rollout, flow, value-norm). */
    public InputView withMaps(List<AttentionAttribution.Method> attentionMaps) {
        return new InputView(model, tokenizer, modelName, modelHash, flow, deepLiftTarget, methods, attentionMaps);
    }

    /** Everything the page shows for {@code text} (and the second segment {@code pair}, may be null). */
    public ViewerData data(String text, String pair) {
        Encoding enc = pair == null ? tokenizer.encode(text) : tokenizer.encodePair(text, pair);
        int maskId = tokenizer.vocabulary().maskId();
        boolean masked = Arrays.stream(enc.ids()).anyMatch(id -> id == maskId);
        List<TargetAttribution.Method> more = methods.stream().filter(m -> m != TargetAttribution.Method.DEEPLIFT).toList();
        if (!more.isEmpty() && deepLiftTarget == null && !masked) {
            throw new IllegalArgumentException("view: " + more.stream().map(TargetAttribution.Method::fileName).toList()
                    + " explain a target: name a DeepLIFT target, or put [MASK] in the text");
        }
        TraceOptions.Builder options = TraceOptions.builder().keepAttention();
        if (maps.contains(AttentionAttribution.Method.VALUE_NORM)) options.keepHiddenStates();
        ForwardTrace trace = model.forward(BertInput.of(enc), options.build());
        ViewerData.Builder data = ViewerData.builder()
                .tokens(Arrays.asList(enc.pieces()), enc.wordIndex(), enc.words())
                .segmentIds(enc.segmentIds())
                .attention(AttentionMaps.of(trace, 0))
                .model(modelName, modelHash)
                .setting("text", text);
        if (pair != null) data.setting("pair", pair);
        addMaps(data, trace, enc.length());
        if (flow) {
            PieceFlowResult f = PieceFlowResult.compute(model, enc, JacobianNorms.Measure.ONES_VJP);
            data.gradientFlow(f.gradientFloat(false)).gradientFlowFromInput(f.gradientFloat(true));
            data.setting("G", "2-norm of the ones-cotangent VJP (methods.md, Information flow)");
        }
        String target = deepLiftTarget;
        if (target == null && masked) {
            target = "mlm:mask:" + FillMask.predict(model, tokenizer.vocabulary(), enc, 1).top().token();
        }
        if (target != null) {
            DeepLiftResult d = DeepLiftResult.compute(model, tokenizer.vocabulary(), enc,
                    DeepLiftTargets.parse(target, enc, tokenizer.vocabulary()), Reference.pad());
            data.deepLift(d.layerScoresFloat()).setting("DeepLIFT target", target + " against a [PAD] reference, delta "
                    + String.format(Locale.ROOT, "%.4f", d.attribution().delta()));
            if (!more.isEmpty()) {
                TargetAttribution a = TargetAttribution.compute(model, tokenizer.vocabulary(), enc, d.attribution().target(), more,
                        Reference.pad(), Quadrature.gaussLegendre(32));
                for (Map.Entry<TargetAttribution.Method, TargetAttribution.Rows> e : a.tokenRows().entrySet()) {
                    data.tokenScores(e.getKey().fileName(), TargetAttribution.label(e.getKey()), e.getValue().labels(),
                            toFloat(e.getValue().scores()));
                }
                if (a.integratedGradients() != null) {
                    data.setting("IG", String.format(Locale.ROOT, "32-point Gauss-Legendre, completeness gap %.2e of delta",
                            a.integratedGradients().relativeResidual()));
                }
            }
        }
        return data.build();
    }

    /** Rollout, flow and norm-based attention of the trace's only input, as the library classes compute them. */
    private void addMaps(ViewerData.Builder data, ForwardTrace trace, int length) {
        if (maps.contains(AttentionAttribution.Method.ROLLOUT) || maps.contains(AttentionAttribution.Method.FLOW)) {
            ResidualAttention a = ResidualAttention.of(trace, 0, length);
            if (maps.contains(AttentionAttribution.Method.ROLLOUT)) data.rollout(toFloat(AttentionRollout.of(a).everyLayer()));
            if (maps.contains(AttentionAttribution.Method.FLOW)) data.attentionFlow(toFloat(AttentionFlow.intoEveryLayer(a)));
            data.setting("rollout / flow", "heads averaged, 0.5 A + 0.5 I (Abnar and Zuidema 2020)");
        }
        if (maps.contains(AttentionAttribution.Method.VALUE_NORM)) {
            data.valueNorm(toFloat(ValueNormAttention.perHead(model, trace, 0, length)))
                    .valueNormMixed(toFloat(ValueNormAttention.of(model, trace, 0, length)));
            data.setting("value-norm", "||alpha f(x)|| per head and ||sum_h alpha f(x)|| (Kobayashi et al. 2020)");
        }
    }

    private static float[][][][] toFloat(double[][][][] a) {
        float[][][][] f = new float[a.length][][][];
        for (int i = 0; i < a.length; i++) f[i] = toFloat(a[i]);
        return f;
    }

    private static float[][][] toFloat(double[][][] a) {
        float[][][] f = new float[a.length][][];
        for (int i = 0; i < a.length; i++) f[i] = toFloat(a[i]);
        return f;
    }

    private static float[][] toFloat(double[][] a) {
        float[][] f = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            f[i] = new float[a[i].length];
            for (int j = 0; j < f[i].length; j++) f[i][j] = (float) a[i][j];
        }
        return f;
    }

    /** Writes the page of {@code text} (and {@code pair}, may be null) to {@code html}; returns {@code html}. */
    public Path write(Path html, String text, String pair) throws IOException {
        ViewerPage.write(html, data(text, pair));
        return html;
    }
}
