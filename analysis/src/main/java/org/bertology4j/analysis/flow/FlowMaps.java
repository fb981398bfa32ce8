package org.bertology4j.analysis.flow;

import java.util.List;

/**
 * Word-level information-flow maps of one sentence. Each map is {@code double[layers][W][W]} with entry
 * {@code [n][t2][t1]} = flow from word {@code t1} into word {@code t2} at layer {@code n+1}:
 * <ul>
 *   <li>attention: attention of t2 to t1, mean over heads; attention to a word = sum over its pieces,
 *       from a word = mean over its pieces;</li>
 *   <li>gradient (G) and gradient from embeddings (G*): sum over t1's pieces, mean over t2's pieces.</li>
 * </ul>
 * {@link org.bertology4j.analysis.attention.WordAttention#betweenWords(double[][], org.bertology4j.analysis.attention.WordUnits)} turns piece-level maps into this form.
 *
 * @param words                  the words (W of them), in sentence order
 * @param attention              A, {@code [layers][W][W]}
 * @param gradient               G, {@code [layers][W][W]}
 * @param gradientFromEmbeddings G*, {@code [layers][W][W]}
 */
public record FlowMaps(List<String> words, double[][][] attention, double[][][] gradient,
                       double[][][] gradientFromEmbeddings) {

    /** Validates shapes (all maps {@code [layers][W][W]} with the same layer count) and finiteness. */
    public FlowMaps {
        if (words == null || words.isEmpty()) throw new IllegalArgumentException("flow maps need at least one word");
        words = List.copyOf(words);
        int w = words.size();
        int layers = check("attention", attention, -1, w);
        check("gradient", gradient, layers, w);
        check("gradientFromEmbeddings", gradientFromEmbeddings, layers, w);
    }

    private static int check(String name, double[][][] map, int layers, int w) {
        if (map == null) throw new IllegalArgumentException("flow map " + name + " is missing");
        if (map.length == 0) throw new IllegalArgumentException("flow map " + name + " has no layers");
        if (layers >= 0 && map.length != layers) {
            throw new IllegalArgumentException("flow map " + name + " has " + map.length + " layers, attention has " + layers);
        }
        for (int n = 0; n < map.length; n++) {
            if (map[n] == null || map[n].length != w) {
                throw new IllegalArgumentException("flow map " + name + " layer " + n + " must have " + w + " rows (one per word)");
            }
            for (int t2 = 0; t2 < w; t2++) {
                double[] row = map[n][t2];
                if (row == null || row.length != w) {
                    throw new IllegalArgumentException("flow map " + name + " layer " + n + " row " + t2 + " must have " + w + " columns");
                }
                for (int t1 = 0; t1 < w; t1++) {
                    if (!Double.isFinite(row[t1])) {
                        throw new IllegalArgumentException("flow map " + name + " layer " + n + " entry [" + t2 + "][" + t1
                                + "] is not finite: " + row[t1]);
                    }
                }
            }
        }
        return map.length;
    }

    /** Number of layers. */
    public int layers() { return attention.length; }

    /** Number of words W. */
    public int size() { return words.size(); }

    /** The map of one measure, {@code [layers][W][W]} (not copied). */
    public double[][][] map(Measure m) {
        return switch (m) {
            case ATTENTION -> attention;
            case GRADIENT -> gradient;
            case GRADIENT_FROM_EMBEDDINGS -> gradientFromEmbeddings;
        };
    }

    /** Flow of measure {@code m} from word t1 into word t2 at layer n+1. */
    public double flow(Measure m, int n, int t1, int t2) { return map(m)[n][t2][t1]; }
}
