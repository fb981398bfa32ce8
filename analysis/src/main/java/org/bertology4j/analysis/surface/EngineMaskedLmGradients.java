package org.bertology4j.analysis.surface;

import org.bertology4j.analysis.attention.AttentionMaps;
import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.grad.GradientRequest;
import org.bertology4j.core.grad.Gradients;
import org.bertology4j.core.grad.MaskedLmLoss;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.Encoding;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The masked-LM gradient of Clark et al. Fig. 3 from the hand-written backward pass: 15% of the content pieces
 * (at least one; [CLS]/[SEP] never) are replaced by [MASK], chosen with {@code new Random(seed)}; the loss is the
 * mean cross-entropy of the original pieces at the masked positions; the result is dLoss/dA for every attention
 * probability, {@code [layer][head][i][j]}.
 */
public final class EngineMaskedLmGradients implements AttentionGradientSource {
    /** Share of content pieces masked, as in BERT pre-training. */
    public static final double MASK_RATE = 0.15;

    private final BertModel model;
    private final int maskId;

    public EngineMaskedLmGradients(BertModel model, int maskId) {
        this.model = model;
        this.maskId = maskId;
    }

    /** The positions masked for a sequence: 15% of its content pieces (at least one), drawn with {@code new Random(seed)}. */
    public static int[] maskedPositions(Encoding e, long seed) {
        List<Integer> content = new ArrayList<>();
        for (int j = 0; j < e.length(); j++) if (e.wordIndex()[j] >= 0) content.add(j);
        if (content.isEmpty()) throw new IllegalArgumentException("no content pieces to mask in " + e.words());
        Collections.shuffle(content, new Random(seed));
        int m = Math.max(1, (int) Math.round(MASK_RATE * content.size()));
        return content.subList(0, m).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public float[][][][] maskedLmGradient(Encoding e, long seed) {
        int t = e.length();
        int[] positions = maskedPositions(e, seed);
        int m = positions.length;
        int[] ids = e.ids().clone(), targets = new int[m], items = new int[m];
        for (int k = 0; k < m; k++) {
            targets[k] = ids[positions[k]];
            ids[positions[k]] = maskId;
        }
        int[] mask = new int[t];
        java.util.Arrays.fill(mask, 1);
        BertInput in = BertInput.of(new int[][]{ids}, new int[][]{e.segmentIds()}, new int[][]{mask});
        ForwardTrace trace = model.forward(in, TraceOptions.builder().keepCaches().build());
        Gradients g = new Backprop(model).compute(trace, new MaskedLmLoss(items, positions, targets), new GradientRequest(false, true));
        int layers = trace.numLayers();
        float[][][][] out = new float[layers][][][];
        for (int l = 0; l < layers; l++) {
            INDArray a = g.attention(l);                       // [1, heads, T, T]
            out[l] = AttentionMaps.headMaps(a.reshape(a.size(1), t, t));
        }
        return out;
    }
}
