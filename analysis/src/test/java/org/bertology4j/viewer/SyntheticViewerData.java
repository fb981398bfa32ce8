package org.bertology4j.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic inputs for the viewer tests: softmax attention of random, peaked logits. */
final class SyntheticViewerData {
    private SyntheticViewerData() {}

    /** [CLS] the cat ##s sat down [SEP]: 7 pieces, 4 words, so 6 word-level units. */
    static ViewerData small(int layers, int heads, boolean flows) {
        List<String> pieces = List.of("[CLS]", "the", "cat", "##s", "sat", "down", "[SEP]");
        int[] wordIndex = {-1, 0, 1, 1, 2, 3, -1};
        List<String> words = List.of("the", "cats", "sat", "down");
        return build(pieces, wordIndex, words, layers, heads, flows, 7L);
    }

    /** {@code t} pieces: [CLS], words of 1 to 3 pieces, [SEP]. */
    static ViewerData longInput(int t, int layers, int heads, boolean flows) {
        List<String> pieces = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int[] wordIndex = new int[t];
        pieces.add("[CLS]");
        wordIndex[0] = -1;
        Random r = new Random(11);
        int i = 1;
        while (i < t - 1) {
            int len = Math.min(t - 1 - i, 1 + r.nextInt(3));
            String word = "w" + words.size();
            words.add(word + "x".repeat(len - 1));
            for (int k = 0; k < len; k++, i++) {
                pieces.add(k == 0 ? word : "##x");
                wordIndex[i] = words.size() - 1;
            }
        }
        pieces.add("[SEP]");
        wordIndex[t - 1] = -1;
        return build(pieces, wordIndex, words, layers, heads, flows, 13L);
    }

    private static ViewerData build(List<String> pieces, int[] wordIndex, List<String> words, int layers, int heads,
                                    boolean flows, long seed) {
        int t = pieces.size();
        Random r = new Random(seed);
        float[][][][] att = new float[layers][heads][][];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) att[l][h] = softmaxRows(t, r, 4.0 + h);
        }
        int[] segments = new int[t];
        for (int i = t / 2; i < t; i++) segments[i] = 1;
        ViewerData.Builder b = ViewerData.builder().tokens(pieces, wordIndex, words).segmentIds(segments).attention(att)
                .model("synthetic-bert", "0123abcd").setting("seed", seed);
        if (flows) {
            float[][][] g = new float[layers][t][t];
            float[][][] gs = new float[layers][t][t];
            for (int n = 0; n < layers; n++) {
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        g[n][i][j] = (float) (5 * r.nextDouble() * r.nextDouble());
                        gs[n][i][j] = (float) (i == j ? 20 : r.nextDouble());
                    }
                }
            }
            float[][] dl = new float[layers + 1][t];
            for (int n = 0; n <= layers; n++) {
                for (int i = 0; i < t; i++) dl[n][i] = (float) r.nextGaussian();
            }
            b.gradientFlow(g).gradientFlowFromInput(gs).deepLift(dl);
        }
        return b.build();
    }

    /**
     * {@code base} with synthetic attention-based maps: rollout (row-stochastic), flow in [0, 1], norm-based attention
     * per head (attention times a per-column norm up to 6, so above 1) and heads mixed.
     */
    static ViewerData withAttentionMaps(ViewerData base) {
        int layers = base.layerCount(), heads = base.headCount(), t = base.tokenCount();
        Random r = new Random(17);
        float[][][] rollout = new float[layers][][], flow = new float[layers][t][t], mixed = new float[layers][t][t];
        float[][][][] norms = new float[layers][heads][t][t];
        for (int l = 0; l < layers; l++) {
            rollout[l] = softmaxRows(t, r, 1.0);
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    flow[l][i][j] = (float) r.nextDouble();
                    for (int h = 0; h < heads; h++) {
                        norms[l][h][i][j] = base.attention()[l][h][i][j] * (float) (6 * r.nextDouble());
                        mixed[l][i][j] += norms[l][h][i][j] / heads;
                    }
                }
            }
        }
        return ViewerData.builder().tokens(base.tokens(), base.wordIndex(), base.words()).segmentIds(base.segmentIds())
                .attention(base.attention()).rollout(rollout).attentionFlow(flow).valueNorm(norms).valueNormMixed(mixed)
                .model(base.modelName(), base.modelHash()).build();
    }

    private static float[][] softmaxRows(int t, Random r, double sharpness) {
        float[][] m = new float[t][t];
        for (int i = 0; i < t; i++) {
            double[] e = new double[t];
            double sum = 0;
            for (int j = 0; j < t; j++) {
                e[j] = Math.exp(sharpness * r.nextGaussian());
                sum += e[j];
            }
            for (int j = 0; j < t; j++) m[i][j] = (float) (e[j] / sum);
        }
        return m;
    }

    /** Word-level merge written independently of the page: to = sum over pieces, from = mean over pieces. */
    static double[][] wordLevel(float[][] a, int[] wordIndex) {
        int t = a.length;
        // unit of each piece: specials alone, words in order of first piece
        int[] unit = new int[t];
        java.util.Map<Integer, Integer> unitOfWord = new java.util.HashMap<>();
        int n = 0;
        for (int i = 0; i < t; i++) {
            if (wordIndex[i] < 0) unit[i] = n++;
            else if (unitOfWord.containsKey(wordIndex[i])) unit[i] = unitOfWord.get(wordIndex[i]);
            else { unitOfWord.put(wordIndex[i], n); unit[i] = n++; }
        }
        double[][] out = new double[n][n];
        int[] size = new int[n];
        for (int i = 0; i < t; i++) size[unit[i]]++;
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) out[unit[i]][unit[j]] += a[i][j] / (double) size[unit[i]];
        }
        return out;
    }
}
