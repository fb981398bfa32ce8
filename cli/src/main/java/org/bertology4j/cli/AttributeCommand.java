package org.bertology4j.cli;

import org.bertology4j.analysis.attribution.AttentionAttribution;
import org.bertology4j.analysis.attribution.TargetAttribution;
import org.bertology4j.analysis.deeplift.DeepLiftTargets;
import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attribute}: attention-based attributions ({@link AttentionAttribution}) and target-based ones
 * ({@link TargetAttribution}) of one input.
 */
@Command(name = "attribute", description = "Attributions of one input, written as METHOD.npy with tokens.json and "
        + "attribution.json. Attention-based ([maps, T, T], rows = output token): rollout (after each layer), flow (into "
        + "the top layer; T^2 max-flows, for sentences), value-norm (per layer). Of a --target ([rows, T] token scores): "
        + "ig (integrated gradients, with the completeness gap), grad-input, attn-grad (also attn-grad-maps.npy [L, T, T]), "
        + "deeplift (exact, same reference as ig). See docs/methods.md.")
public final class AttributeCommand extends SingleInputCommand {
    @Option(names = "--method", split = ",", paramLabel = "METHOD", defaultValue = "rollout,value-norm",
            description = "Methods: rollout, flow, value-norm, ig, grad-input, attn-grad, deeplift (comma-separated). "
                    + "Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--target", paramLabel = "SPEC", description = "For ig, grad-input, attn-grad, deeplift: mlm:POSITION:TOKEN "
            + "(POSITION = piece index or 'mask'), class:K, qa-start or qa-end (as for the deeplift command).")
    String target;

    @Option(names = "--reference", defaultValue = "pad", description = "Reference of ig and deeplift: pad (default), mask, zero.")
    String reference;

    @Option(names = "--steps", defaultValue = "32", description = "Integrated gradients: points of the path integral (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--quadrature", defaultValue = "gauss-legendre", description = "Integrated gradients: gauss-legendre "
            + "(default), riemann-left, riemann-right, riemann-middle, riemann-trapezoid.")
    String quadrature;

    private TargetAttribution targetResult;

    @Override
    List<Path> write(LoadedModel m, Encoding encoding, Path out) throws Exception {
        AttributionMethods parsed = AttributionMethods.parse("--method", methods);
        List<AttentionAttribution.Method> attention = parsed.maps();
        List<TargetAttribution.Method> byTarget = parsed.byTarget();
        List<Path> written = new ArrayList<>();
        List<Object> entries = new ArrayList<>();
        if (!attention.isEmpty()) {
            entries.addAll(AttentionAttribution.compute(m.model(), encoding, attention).writeMethods(out, written));
        }
        if (!byTarget.isEmpty()) {
            if (target == null) {
                throw new IllegalArgumentException("--method " + byTarget.get(0).fileName() + " needs --target (mlm:POSITION:TOKEN, class:K, qa-start, qa-end)");
            }
            Quadrature rule;
            try {
                rule = Quadrature.of(quadrature, steps);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--quadrature " + quadrature + " --steps " + steps + ": " + e.getMessage(), e);
            }
            targetResult = TargetAttribution.compute(m.model(), m.tokenizer().vocabulary(), encoding,
                    DeepLiftTargets.parse(target, encoding, m.tokenizer().vocabulary()), byTarget,
                    DeepLiftTargets.reference(reference), rule);
            entries.addAll(targetResult.writeMethods(out, written));
        }
        written.addAll(AttentionAttribution.writeIndex(out, encoding, entries));
        return written;
    }

    @Override
    String summary() { return targetResult == null ? null : targetResult.summary(); }
}
