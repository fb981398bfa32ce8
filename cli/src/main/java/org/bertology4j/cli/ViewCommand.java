package org.bertology4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code view}: one self-contained, offline HTML page with the head view and model view of an input ({@link org.bertology4j.viewer.InputView}). */
@Command(name = "view", description = "Write one self-contained HTML page (no network) with head view, model view, "
        + "G and G* flow, DeepLIFT token colouring (and, with --methods, attention rollout, attention flow and norm-based "
        + "attention as measures; integrated gradients, gradient x input, attention x gradient as token colourings) and a "
        + "word-level toggle for an input.")
public final class ViewCommand implements Callable<Integer> {
    @Mixin ModelInput modelInput;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--no-flow", description = "Leave out G and G* (one backward pass per layer and token).")
    boolean noFlow;

    @Option(names = "--deeplift-target", paramLabel = "SPEC", description = "Also show DeepLIFT scores for this target "
            + "(as in the deeplift command: mlm:POSITION:TOKEN, class:K, qa-start, qa-end); default: mlm:mask:<top "
            + "prediction> when the text has a [MASK], else none.")
    String deepliftTarget;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD", description = "Further methods (comma-separated): "
            + "rollout, flow (into every layer: L x T^2 max-flows), value-norm (per head and heads mixed) as measures; "
            + "ig (32-point Gauss-Legendre, [PAD] reference), grad-input, attn-grad as token colourings of the DeepLIFT target.")
    List<String> methods = List.of();

    @Override
    public Integer call() throws Exception {
        AttributionMethods parsed = AttributionMethods.parse("--methods", methods);   // before the model loads
        LoadedModel m = modelInput.open();
        m.view().withFlow(!noFlow).withDeepLiftTarget(deepliftTarget).withMethods(parsed.byTarget()).withMaps(parsed.maps())
                .write(out, modelInput.input.text, modelInput.input.pair);
        System.out.println("wrote " + out);
        return 0;
    }
}
