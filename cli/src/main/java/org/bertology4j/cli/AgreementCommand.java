package org.bertology4j.cli;

import org.bertology4j.analysis.attribution.MethodAgreement;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.core.attribution.Quadrature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code agreement}: how far the attribution methods agree on treebank sentences ({@link MethodAgreement}). */
@Command(name = "agreement", description = "Compare the attribution methods (DeepLIFT, integrated gradients, gradient x "
        + "input, attention x gradient, rollout, flow, value-norm) on treebank sentences: the last single-piece noun is "
        + "masked and each method explains its masked-LM logit; writes agreement.json and agreement.md (Spearman "
        + "correlations per pair of methods, same-top-piece rates, IG's completeness gaps). See docs/methods.md.")
public final class AgreementCommand implements Callable<Integer> {
    @Mixin ModelOption model;
    @Mixin ConlluInput input;
    @Mixin OutputDirectory output;

    @Option(names = "--sentences", defaultValue = "40", description = "Sentences to use, in file order (default ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--max-pieces", defaultValue = "32", description = "Longest sentence in pieces (attention flow costs T^2 max-flows; default ${DEFAULT-VALUE}).")
    int maxPieces;

    @Option(names = "--steps", defaultValue = "32", description = "Integrated gradients: Gauss-Legendre points (default ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(model);
        MethodAgreement agreement = new MethodAgreement(m.model(), m.tokenizer(), Quadrature.gaussLegendre(steps));
        int used = 0, seen = 0;
        try (ConlluReader reader = ConlluReader.open(input.conllu, false)) {
            for (Sentence s : reader) {
                if (used >= sentences) break;
                seen++;
                if (agreement.add(s, 8, maxPieces)) {
                    used++;
                    System.err.printf("%d/%d %s%n", used, sentences, s.sentId());
                }
            }
        }
        CorpusOptions.print(agreement.write(output.out, m.identity(),
                input.conllu.getFileName() + " (first " + used + " usable of " + seen + " sentences read)"));
        return 0;
    }
}
