package org.bertology4j.cli;

import org.bertology4j.analysis.deeplift.DeepLiftResult;
import org.bertology4j.analysis.deeplift.DeepLiftTargets;
import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code deeplift}: exact DeepLIFT attributions of one output to every token, per layer ({@link DeepLiftResult}). */
@Command(name = "deeplift", description = "DeepLIFT (exact multiplier propagation) of one output: writes scores.npy "
        + "[layers+1, T] (row 0 = input word embeddings, row n = h_n), tokens.json, deeplift.json (target values, "
        + "completeness residual) and deeplift.png (tokens coloured by score per layer).")
public final class DeepLiftCommand extends SingleInputCommand {
    @Option(names = "--target", required = true, paramLabel = "SPEC", description = "mlm:POSITION:TOKEN (POSITION = piece "
            + "index or 'mask' for the first [MASK]; TOKEN = a vocabulary piece or id), class:K, qa-start or qa-end "
            + "(index fixed at the input's argmax).")
    String target;

    @Option(names = "--reference", defaultValue = "pad", description = "pad (default: content tokens -> [PAD]), mask "
            + "(content -> [MASK]) or zero (zero word embeddings).")
    String reference;

    private Attribution attribution;

    @Override
    List<Path> write(LoadedModel m, Encoding encoding, Path out) throws IOException {
        DeepLiftResult r = DeepLiftResult.compute(m.model(), m.tokenizer().vocabulary(), encoding,
                DeepLiftTargets.parse(target, encoding, m.tokenizer().vocabulary()), DeepLiftTargets.reference(reference));
        attribution = r.attribution();
        return r.write(out);
    }

    @Override
    String summary() {
        Attribution a = attribution;
        return String.format("target %s: input %.6f, reference %.6f, delta %.6f, completeness residual %.3e (relative %.2e)",
                a.target(), a.targetInput(), a.targetReference(), a.delta(), a.residual(), a.relativeResidual());
    }
}
