package org.bertology4j.cli;

import org.bertology4j.analysis.deeplift.DeepLiftTargets;
import org.bertology4j.analysis.similarity.SimilarityResult;
import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.core.attribution.SimilarityAttribution;
import org.bertology4j.core.embedding.EmbeddingSpec;
import org.bertology4j.core.embedding.SentenceEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code similarity}: why two texts are similar ({@link SimilarityResult}). */
@Command(name = "similarity", description = "Attribute the similarity of two texts' sentence embeddings (cosine, or the "
        + "dot product of the pooled vectors) to the tokens of both, by exact DeepLIFT per layer and by integrated "
        + "gradients against the same reference, with completeness residuals; word level. Writes similarity.json, "
        + "deeplift-a.png, deeplift-b.png and similarity.html (each word links to its counterparts in the other text).")
public final class SimilarityCommand implements Callable<Integer> {
    @Mixin ModelOption model;
    @Mixin OutputDirectory output;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The two texts (give --text twice).")
    List<String> texts;

    @Option(names = "--measure", defaultValue = "cosine", description = "cosine (default) or dot (of the pooled vectors).")
    String measure;

    @Option(names = "--reference", defaultValue = "pad", description = "Reference of both texts: pad (default), mask, zero.")
    String reference;

    @Option(names = "--steps", defaultValue = "32", description = "Integrated gradients: Gauss-Legendre points (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--role", defaultValue = "plain", description = "plain (default), query or passage: the model card's prefix for both texts.")
    String role;

    @Override
    public Integer call() throws Exception {
        if (texts.size() != 2) throw new IllegalArgumentException("--text: give exactly two texts, got " + texts.size());
        SimilarityAttribution.Measure m = switch (measure) {
            case "cosine" -> SimilarityAttribution.Measure.COSINE;
            case "dot" -> SimilarityAttribution.Measure.DOT;
            default -> throw new IllegalArgumentException("--measure: unknown measure '" + measure + "' (cosine, dot)");
        };
        EmbeddingSpec.Role r;
        try {
            r = EmbeddingSpec.Role.of(role);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--role: " + e.getMessage(), e);
        }
        Quadrature q;
        try {
            q = Quadrature.gaussLegendre(steps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--steps " + steps + ": " + e.getMessage(), e);
        }
        LoadedModel lm = LoadedModel.open(model);
        SentenceEmbedder embedder = new SentenceEmbedder(lm.model(), lm.tokenizer(),
                EmbeddingSpec.of(model.name(), lm.directory().path(), lm.model().config().maxPositionEmbeddings()));
        SimilarityResult res = SimilarityResult.compute(lm.name(), embedder, texts.get(0), texts.get(1), m,
                DeepLiftTargets.reference(reference), q, r);
        CorpusOptions.print(res.write(output.out));
        var d = res.deepLift();
        System.out.println(String.format(Locale.ROOT, "%s similarity %.6f (reference %.6f, delta %.6f = A %.6f + B %.6f); "
                        + "DeepLIFT relative residual %.2e; integrated gradients (%d points) relative gap %.2e", measure,
                d.similarity(), d.referenceValue(), d.delta(), d.a().delta(), d.b().delta(), d.relativeResidual(), steps,
                res.integratedGradients().relativeResidual()));
        return 0;
    }
}
