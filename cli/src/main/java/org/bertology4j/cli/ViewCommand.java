package org.bertology4j.cli;

import org.bertology4j.analysis.attention.AttentionMaps;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.viewer.ViewerData;
import org.bertology4j.viewer.ViewerPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code view}: one self-contained, offline HTML page with the head view and model view of an input. */
@Command(name = "view", description = "Write one self-contained HTML page (no network) with head view, model view, "
        + "G and G* flow, DeepLIFT token colouring and a word-level toggle for an input.")
public final class ViewCommand implements Callable<Integer> {
    @Mixin
    ModelInput modelInput;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--no-flow", description = "Leave out G and G* (one backward pass per layer and token).")
    boolean noFlow;

    @Option(names = "--deeplift-target", paramLabel = "SPEC", description = "Also show DeepLIFT scores for this target "
            + "(as in the deeplift command: mlm:POSITION:TOKEN, class:K, qa-start, qa-end); default: mlm:mask:<top "
            + "prediction> when the text has a [MASK], else none.")
    String deepliftTarget;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = modelInput.open();
        write(m, modelInput.input.text, modelInput.input.pair, out, !noFlow, deepliftTarget);
        System.out.println("wrote " + out);
        return 0;
    }

    /** Computes everything the page shows for one input and writes the page. */
    static Path write(LoadedModel m, String text, String pair, Path out, boolean flow, String deepliftTarget)
            throws java.io.IOException {
        Encoding enc = InputText.encode(m.tokenizer(), text, pair);
        ForwardTrace trace = m.model().forward(BertInput.of(enc), TraceOptions.builder().keepAttention().build());
        ViewerData.Builder data = ViewerData.builder()
                .tokens(Arrays.asList(enc.pieces()), enc.wordIndex(), enc.words())
                .segmentIds(enc.segmentIds())
                .attention(AttentionMaps.of(trace, 0))
                .model(m.name(), m.weightsHash())
                .setting("text", text);
        if (pair != null) data.setting("pair", pair);
        if (flow) {
            var maps = FlowCommand.compute(m, enc, false);
            data.gradientFlow(toFloat(maps.gradient())).gradientFlowFromInput(toFloat(maps.gradientFromEmbeddings()));
            data.setting("G", "2-norm of the ones-cotangent VJP (methods.md, Information flow)");
        }
        String target = deepliftTarget;
        int maskId = m.tokenizer().vocabulary().maskId();
        if (target == null && Arrays.stream(enc.ids()).anyMatch(id -> id == maskId)) {
            String top = FillMaskCommand.predict(m, enc, 1).get(0).get(0).token();
            target = "mlm:mask:" + top;
        }
        if (target != null) {
            var a = DeepLiftCommand.attribute(m, enc, DeepLiftCommand.parseTarget(target, enc, m.tokenizer().vocabulary()),
                    org.bertology4j.core.deeplift.Reference.pad());
            float[][] scores = new float[a.layerScores().length][];
            for (int n = 0; n < scores.length; n++) {
                scores[n] = new float[a.layerScores()[n].length];
                for (int j = 0; j < scores[n].length; j++) scores[n][j] = (float) a.layerScores()[n][j];
            }
            data.deepLift(scores).setting("DeepLIFT target", target + " against a [PAD] reference, delta "
                    + String.format(java.util.Locale.ROOT, "%.4f", a.delta()));
        }
        ViewerPage.write(out, data.build());
        return out;
    }

    private static float[][][] toFloat(double[][][] a) {
        float[][][] f = new float[a.length][][];
        for (int n = 0; n < a.length; n++) {
            f[n] = new float[a[n].length][];
            for (int i = 0; i < a[n].length; i++) {
                f[n][i] = new float[a[n][i].length];
                for (int j = 0; j < a[n][i].length; j++) f[n][i][j] = (float) a[n][i][j];
            }
        }
        return f;
    }
}
