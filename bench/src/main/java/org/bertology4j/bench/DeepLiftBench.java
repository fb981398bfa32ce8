package org.bertology4j.bench;

import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;

import java.util.Random;

/**
 * Cost of one DeepLIFT attribution (one masked-LM target, [PAD] reference: input and reference
 * forward with caches + one multiplier propagation) relative to one plain forward pass of the same
 * single sequence. The budget is 4x.
 */
public final class DeepLiftBench {
    private DeepLiftBench() {}

    /**
     * @param msForward     wall ms of one plain forward of the sequence
     * @param msAttribution wall ms of one attribution
     */
    public record Result(int seqLen, int iters, double msForward, double msAttribution, double relativeResidual) {
        /** Attribution cost in forward passes. */
        public double ratio() { return msAttribution / msForward; }

        @Override
        public String toString() {
            return String.format("%d tokens, %d iters: forward %.1f ms, DeepLIFT %.1f ms = %.2fx forward (budget 4x); "
                    + "|residual|/|Δtarget| = %.2e", seqLen, iters, msForward, msAttribution, ratio(), relativeResidual);
        }
    }

    /** One warm-up, then {@code iters} rounds of one timed forward and one timed attribution; medians. */
    public static Result run(BertModel model, SpecialTokens special, int seqLen, int iters) {
        BertConfig c = model.config();
        Random r = new Random(1);
        int[] ids = new int[seqLen];
        for (int j = 1; j < seqLen - 1; j++) ids[j] = 1000 + r.nextInt(c.vocabSize() - 1000);
        ids[0] = special.cls();
        ids[seqLen - 1] = special.sep();
        BertInput in = BertInput.of(new int[][]{ids});
        Target target = model.hasHead(HeadType.MASKED_LM) ? Target.maskedLm(seqLen / 2, ids[seqLen / 2]) : Target.qaStart();
        DeepLift dl = new DeepLift(model, special);
        model.forward(in, TraceOptions.none());
        double residual = dl.attribute(in, Reference.pad(), target).relativeResidual();
        // Interleaved rounds (forward, attribution), medians: a slow spell of a shared machine hits both alike.
        double[] fwd = new double[iters], att = new double[iters];
        for (int k = 0; k < iters; k++) {
            long t0 = System.nanoTime();
            model.forward(in, TraceOptions.none());
            long t1 = System.nanoTime();
            dl.attribute(in, Reference.pad(), target);
            fwd[k] = (t1 - t0) / 1e6;
            att[k] = (System.nanoTime() - t1) / 1e6;
        }
        return new Result(seqLen, iters, Median.of(fwd), Median.of(att), residual);
    }

    /** {@code DeepLiftBench [modelNameOrDir|random] [seqLen] [iters]}. */
    public static void main(String[] args) {
        System.out.println(run(BenchArgs.model(args), SpecialTokens.bert(), BenchArgs.number(args, 1, 128),
                BenchArgs.number(args, 2, 5)));
    }
}
