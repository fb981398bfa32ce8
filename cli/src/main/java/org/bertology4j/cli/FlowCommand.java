package org.bertology4j.cli;

import org.bertology4j.analysis.flow.PieceFlowResult;
import org.bertology4j.core.flow.JacobianNorms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code flow}: A_n, G_n and G*_n of every token pair of one input ({@link PieceFlowResult}). */
@Command(name = "flow", description = "Information flow of one input: writes A.npy, G.npy, Gstar.npy (float32 [layers, T, T], "
        + "entry [n][t2][t1] = flow from t1 into t2 at layer n+1), tokens.json and one heatmap grid per measure.")
public final class FlowCommand implements Callable<Integer> {
    @Mixin
    ModelInput modelInput;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--frobenius", description = "G and G* as exact Frobenius norms of the Jacobian blocks instead of "
            + "the 2-norm of a ones-cotangent VJP (hidden-size times more expensive).")
    boolean frobenius;

    @Override
    public Integer call() throws IOException {
        LoadedModel m = modelInput.open();
        CorpusOptions.print(PieceFlowResult.compute(m.model(), modelInput.input.encode(m.tokenizer()),
                frobenius ? JacobianNorms.Measure.FROBENIUS_EXACT : JacobianNorms.Measure.ONES_VJP).write(out, true));
        return 0;
    }
}
