package org.bertology4j.cli;

import org.bertology4j.analysis.flow.PieceFlowResult;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code flow}: A_n, G_n and G*_n of every token pair of one input ({@link PieceFlowResult}). */
@Command(name = "flow", description = "Information flow of one input: writes A.npy, G.npy, Gstar.npy (float32 [layers, T, T], "
        + "entry [n][t2][t1] = flow from t1 into t2 at layer n+1), tokens.json and one heatmap grid per measure.")
public final class FlowCommand extends SingleInputCommand {
    @Option(names = "--frobenius", description = "G and G* as exact Frobenius norms of the Jacobian blocks instead of "
            + "the 2-norm of a ones-cotangent VJP (hidden-size times more expensive).")
    boolean frobenius;

    @Override
    List<Path> write(LoadedModel m, Encoding encoding, Path out) throws IOException {
        return PieceFlowResult.compute(m.model(), encoding, frobenius ? JacobianNorms.Measure.FROBENIUS_EXACT
                : JacobianNorms.Measure.ONES_VJP).write(out, true);
    }
}
