package org.bertology4j.analysis.kovaleva;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.analysis.tasks.TaskEncoder;
import org.bertology4j.core.model.BertModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kovaleva et al.'s token-to-token attention: which heads attend along verb→subject and pronoun↔noun links
 * ({@link TokenRelation}, from GUM's trees and coreference), and whether those heads are simply previous/next-token
 * heads (the paper: the candidates "coincided with diagonally structured attention maps"). Scores as
 * {@code TokenLinkAttention}: per example the largest weight along the links, mean over examples; the same over links
 * at least two tokens apart; each head's ±1 diagonal mass; the rank correlation of the two over the heads.
 *
 * <pre>{@code
 * TokenToTokenStudy.Result r = TokenToTokenStudy.run(model, "bert-base-uncased", dev);
 * TokenToTokenStudy.Relation vs = r.relations().get(TokenRelation.VERB_TO_SUBJECT);
 * double rho = vs.spearmanWithDiagonal();
 * }</pre>
 */
public final class TokenToTokenStudy {
    private TokenToTokenStudy() {}

    /** How many of the best heads each relation lists. */
    public static final int TOP = 5;

    /** One head's score (layer and head 1-based) beside its ±1 diagonal mass. */
    public record HeadScore(int layer, int head, double score, double diagonal) {
        Map<String, Object> toJson() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("layer", layer);
            e.put("head", head);
            e.put("score", score);
            e.put("diagonal", diagonal);
            return e;
        }
    }

    /**
     * The outcome for one relation.
     *
     * @param examples             examples with at least one link
     * @param links                links in them
     * @param adjacentLinks        links whose words have neighbouring pieces
     * @param farExamples          examples with at least one link two or more tokens apart
     * @param perHead              mean score [layer][head]
     * @param perHeadFar           the same over far links
     * @param top                  the {@value #TOP} best heads
     * @param topFar               the {@value #TOP} best heads on far links
     * @param spearmanWithDiagonal Spearman correlation over the heads of {@code perHead} and the diagonal mass
     * @param spearmanFarWithDiagonal the same for {@code perHeadFar}
     */
    public record Relation(long examples, long links, long adjacentLinks, long farExamples, double[][] perHead,
                           double[][] perHeadFar, List<HeadScore> top, List<HeadScore> topFar, double spearmanWithDiagonal,
                           double spearmanFarWithDiagonal) {
        Map<String, Object> toJson() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("examples", examples);
            e.put("links", links);
            e.put("links_adjacent", adjacentLinks);
            e.put("examples_with_far_links", farExamples);
            e.put("top_heads", top.stream().map(HeadScore::toJson).toList());
            e.put("top_heads_far", topFar.stream().map(HeadScore::toJson).toList());
            e.put("spearman_score_vs_diagonal", spearmanWithDiagonal);
            e.put("spearman_far_score_vs_diagonal", spearmanFarWithDiagonal);
            e.put("per_head", perHead);
            e.put("per_head_far", perHeadFar);
            return e;
        }
    }

    /**
     * The study's outcome.
     *
     * @param modelIdentity the model's identity
     * @param task          the task's name
     * @param examples      examples analysed
     * @param diagonal      mean ±1 diagonal mass [layer][head] over all examples
     * @param relations     the outcome per relation
     */
    public record Result(String modelIdentity, String task, long examples, double[][] diagonal, Map<TokenRelation, Relation> relations) {
        /** The token-to-token.json content. */
        public Map<String, Object> toJson() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", modelIdentity);
            report.put("task", task);
            report.put("examples", examples);
            report.put("definition", "per example and head: the largest attention weight from a piece of a link's first word to "
                    + "a piece of its second, over the example's links; per head: mean over examples with a link; far: links "
                    + "whose closest pieces are at least 2 tokens apart; diagonal: mean attention to the previous plus next token");
            Map<String, Object> rel = new LinkedHashMap<>();
            relations.forEach((r, v) -> rel.put(r.name(), v.toJson()));
            report.put("relations", rel);
            report.put("diagonal_per_head", diagonal);
            return report;
        }

        /**
         * Writes {@code token-to-token.json} and, with {@code plots}, {@code token-to-token.png} (each relation's
         * scores, all links and far links, and the diagonal mass per head) into {@code dir}; returns the files.
         */
        public List<Path> write(Path dir, boolean plots) throws IOException {
            List<String> titles = new ArrayList<>();
            List<double[][]> grids = new ArrayList<>();
            relations.forEach((r, v) -> {
                String name = r.name().toLowerCase(Locale.ROOT).replace("_to_", "→").replace('_', ' ');
                titles.add(name + " (" + v.examples() + " ex.)");
                grids.add(v.perHead());
                titles.add(name + ", far (" + v.farExamples() + " ex.)");
                grids.add(v.perHeadFar());
            });
            titles.add("±1 diagonal mass");
            grids.add(diagonal);
            return StudyFiles.jsonAndGrid(dir, "token-to-token", toJson(), plots, titles, grids, false, 4);
        }
    }

    /**
     * @throws IllegalArgumentException when the task is not a GUM task
     */
    public static Result run(BertModel model, String modelIdentity, DevSample dev) {
        if (!dev.task().name().startsWith("gum-")) {
            throw new IllegalArgumentException("token-to-token links need a GUM task (gum-genre or gum-next): they come from CoNLL-U");
        }
        TaskEncoder.Encoded e = dev.encoded();
        int layers = model.config().numHiddenLayers(), heads = model.config().numAttentionHeads();
        TokenLinkAttention acc = new TokenLinkAttention(layers, heads);
        AttentionRunner.run(model, e.examples(), 16, (i, maps) -> acc.add(maps, ExampleWords.of(e.encodings().get(i), e.sources().get(i)),
                SpecialTokens.of(e.examples().get(i)), e.examples().get(i).segmentIds()));
        double[][] diagonal = acc.diagonal();
        Map<TokenRelation, Relation> out = new LinkedHashMap<>();
        for (TokenRelation r : TokenRelation.values()) {
            double[][] s = acc.scores(r), far = acc.farScores(r);
            out.put(r, new Relation(acc.examples(r), acc.links(r), acc.adjacentLinks(r), acc.farExamples(r), s, far,
                    top(s, diagonal), top(far, diagonal), spearman(s, diagonal), spearman(far, diagonal)));
        }
        return new Result(modelIdentity, dev.task().name(), e.examples().size(), diagonal, out);
    }

    /** The {@value #TOP} heads with the largest scores (none when the scores are NaN). */
    static List<HeadScore> top(double[][] score, double[][] diagonal) {
        List<HeadScore> all = new ArrayList<>();
        for (int l = 0; l < score.length; l++) {
            for (int h = 0; h < score[l].length; h++) {
                if (!Double.isNaN(score[l][h])) all.add(new HeadScore(l + 1, h + 1, score[l][h], diagonal[l][h]));
            }
        }
        all.sort(Comparator.comparingDouble(x -> -x.score()));
        return List.copyOf(all.subList(0, Math.min(TOP, all.size())));
    }

    /** Spearman correlation of two [layer][head] grids over the heads (NaN when a grid is NaN). */
    static double spearman(double[][] a, double[][] b) {
        double[] x = flat(a), y = flat(b);
        for (double v : x) if (Double.isNaN(v)) return Double.NaN;
        return new SpearmansCorrelation().correlation(x, y);
    }

    private static double[] flat(double[][] g) {
        return java.util.Arrays.stream(g).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
