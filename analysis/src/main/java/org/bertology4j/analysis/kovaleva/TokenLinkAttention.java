package org.bertology4j.analysis.kovaleva;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates, per {@link TokenRelation} and head, the attention along the relation's links. On one example the
 * score of a head is the largest weight {@code A[p][q]} over the pieces p of a link's first word and q of its second,
 * over all the example's links (the rule of Kovaleva et al.'s FrameNet experiment: "the maximum absolute attention
 * weight among those token pairs that correspond to the annotated semantic link"); a head's value is the mean over
 * the examples that have a link. The same over <i>far</i> links only, whose closest pieces are at least two tokens
 * apart (the paper's FrameNet data excluded links "less than two tokens apart"). Also each head's mean mass on the
 * ±1 diagonals over all examples, to see whether the best heads are previous/next-token heads.
 */
final class TokenLinkAttention {
    private static final TokenRelation[] RELATIONS = TokenRelation.values();
    private final int layers, heads;
    private final double[][][] sum = new double[RELATIONS.length][][], sumFar = new double[RELATIONS.length][][];
    private final long[] examples = new long[RELATIONS.length], farExamples = new long[RELATIONS.length];
    private final long[] links = new long[RELATIONS.length], adjacent = new long[RELATIONS.length];
    private final double[][] diagonal;
    private long total;

    TokenLinkAttention(int layers, int heads) {
        this.layers = layers;
        this.heads = heads;
        for (int r = 0; r < RELATIONS.length; r++) {
            sum[r] = new double[layers][heads];
            sumFar[r] = new double[layers][heads];
        }
        diagonal = new double[layers][heads];
    }

    /** One link as piece positions, and the distance of its closest pieces. */
    record PieceLink(int[] from, int[] to, int distance) {
        static PieceLink of(List<Integer> from, List<Integer> to) {
            int d = Integer.MAX_VALUE;
            for (int p : from) for (int q : to) d = Math.min(d, Math.abs(p - q));
            return new PieceLink(from.stream().mapToInt(Integer::intValue).toArray(), to.stream().mapToInt(Integer::intValue).toArray(), d);
        }

        /** The largest weight from a piece of the first word to a piece of the second in a row-major n×n map. */
        double max(double[] a, int n) {
            double m = 0;
            for (int p : from) for (int q : to) m = Math.max(m, a[p * n + q]);
            return m;
        }
    }

    /** The links of one relation in one example, as pieces. */
    static List<PieceLink> pieceLinks(TokenRelation relation, ExampleWords words) {
        List<PieceLink> out = new ArrayList<>();
        for (int k = 0; k < words.sentences().size(); k++) {
            int off = words.offset(k);
            for (int[] l : relation.links(words.sentences().get(k))) {
                List<Integer> from = words.pieces(off + l[0]), to = words.pieces(off + l[1]);
                if (!from.isEmpty() && !to.isEmpty()) out.add(PieceLink.of(from, to));
            }
        }
        return out;
    }

    /** Adds one example: its maps, its words and its [CLS]/[SEP] layout (for the diagonal share). */
    void add(AttentionMaps maps, ExampleWords words, boolean[] special, int[] segments) {
        int n = maps.length();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) diagonal[l][h] += PatternFeatures.of(maps.map(l, h), n, special, segments).diagonal();
        }
        total++;
        for (TokenRelation rel : RELATIONS) {
            List<PieceLink> all = pieceLinks(rel, words);
            if (all.isEmpty()) continue;
            int r = rel.ordinal();
            List<PieceLink> far = all.stream().filter(x -> x.distance() >= 2).toList();
            examples[r]++;
            links[r] += all.size();
            adjacent[r] += all.size() - far.size();
            if (!far.isEmpty()) farExamples[r]++;
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    double[] a = maps.map(l, h);
                    sum[r][l][h] += best(all, a, n);
                    if (!far.isEmpty()) sumFar[r][l][h] += best(far, a, n);
                }
            }
        }
    }

    private static double best(List<PieceLink> links, double[] a, int n) {
        double m = 0;
        for (PieceLink x : links) m = Math.max(m, x.max(a, n));
        return m;
    }

    long examples(TokenRelation r) { return examples[r.ordinal()]; }
    long farExamples(TokenRelation r) { return farExamples[r.ordinal()]; }
    long links(TokenRelation r) { return links[r.ordinal()]; }
    /** Links whose closest pieces are neighbours (distance 1). */
    long adjacentLinks(TokenRelation r) { return adjacent[r.ordinal()]; }

    /** Mean score [layer][head] over the examples with a link (NaN without any). */
    double[][] scores(TokenRelation r) { return mean(sum[r.ordinal()], examples[r.ordinal()]); }

    /** The same over far links. */
    double[][] farScores(TokenRelation r) { return mean(sumFar[r.ordinal()], farExamples[r.ordinal()]); }

    /** Mean ±1 diagonal mass [layer][head] over all examples. */
    double[][] diagonal() { return mean(diagonal, total); }

    private double[][] mean(double[][] s, long k) {
        double[][] out = new double[layers][heads];
        for (int l = 0; l < layers; l++) for (int h = 0; h < heads; h++) out[l][h] = k == 0 ? Double.NaN : s[l][h] / k;
        return out;
    }
}
