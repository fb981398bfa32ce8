package org.bertology4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code view}: one self-contained, offline HTML page with the head view and model view of an input ({@link org.bertology4j.viewer.InputView}). */
@Command(name = "view", description = "Write one self-contained HTML page (no network) with head view, model view, "
        + "G and G* flow, DeepLIFT token colouring and a word-level toggle for an input.")
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

    @Override
    public Integer call() throws Exception {
        LoadedModel m = modelInput.open();
        m.view().withFlow(!noFlow).withDeepLiftTarget(deepliftTarget).write(out, modelInput.input.text, modelInput.input.pair);
        System.out.println("wrote " + out);
        return 0;
    }
}
