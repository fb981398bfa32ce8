package org.bertology4j.cli;

import org.bertology4j.analysis.attribution.TargetAttribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code view}: one self-contained, offline HTML page with the head view and model view of an input ({@link org.bertology4j.viewer.InputView}). */
@Command(name = "view", description = "Write one self-contained HTML page (no network) with head view, model view, "
        + "G and G* flow, DeepLIFT token colouring (and, with --methods, integrated gradients, gradient x input, attention x gradient) and a word-level toggle for an input.")
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

    @Option(names = "--methods", split = ",", paramLabel = "METHOD", description = "Further token colourings of the DeepLIFT "
            + "target: ig (32-point Gauss-Legendre, [PAD] reference), grad-input, attn-grad (comma-separated).")
    List<String> methods = List.of();

    @Override
    public Integer call() throws Exception {
        LoadedModel m = modelInput.open();
        List<TargetAttribution.Method> more = new ArrayList<>();
        for (String name : methods) {
            more.add(Arrays.stream(TargetAttribution.Method.values()).filter(x -> x.fileName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--methods: unknown method '" + name + "' (ig, grad-input, attn-grad)")));
        }
        m.view().withFlow(!noFlow).withDeepLiftTarget(deepliftTarget).withMethods(more).write(out, modelInput.input.text, modelInput.input.pair);
        System.out.println("wrote " + out);
        return 0;
    }
}
