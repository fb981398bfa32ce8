package org.bertology4j.bench;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;

import java.util.Random;

/**
 * Times the forward pass on random full-length batches: plain (last hidden state only) and keeping
 * every layer's attention. Reports ms per sequence, achieved GFLOP/s (matrix-product FLOPs counted
 * analytically) and the share of wall time spent inside gemm/matmul calls.
 */
public final class ForwardBench {
    private ForwardBench() {}

    /**
     * @param msPerSeqPlain     wall ms per sequence, plain forward
     * @param msPerSeqAttention wall ms per sequence when keeping all attention maps
     * @param gflopsPlain       GFLOP/s of the plain forward
     * @param gflopPerSeq       matrix-product GFLOP per sequence
     * @param gemmShare         fraction of plain-forward wall time inside gemm/matmul
     */
    public record Result(int batch, int seqLen, int iters, double msPerSeqPlain, double msPerSeqAttention,
                         double gflopsPlain, double gflopPerSeq, double gemmShare) {
        /** Cost of keeping attention relative to a plain forward. */
        public double attentionOverhead() { return msPerSeqAttention / msPerSeqPlain; }

        @Override
        public String toString() {
            return String.format("batch %d x %d tokens, %d iters: plain %.1f ms/seq (%.1f GFLOP/s, %.2f GFLOP/seq, "
                            + "%.0f%% in gemm); keeping attention %.1f ms/seq (x%.3f)", batch, seqLen, iters,
                    msPerSeqPlain, gflopsPlain, gflopPerSeq, 100 * gemmShare, msPerSeqAttention, attentionOverhead());
        }
    }

    /** Matrix-product FLOPs of one sequence of {@code t} tokens through the encoder. */
    public static double flopsPerSequence(BertConfig c, int t) {
        double h = c.hiddenSize(), i = c.intermediateSize();
        double perLayer = 2.0 * t * h * (4 * h) + 2.0 * t * h * i * 2 + 2.0 * 2 * t * (double) t * h;
        return perLayer * c.numHiddenLayers();
    }

    /** Runs one warm-up iteration, then {@code iters} timed iterations of each variant. */
    public static Result run(BertModel model, int batch, int seqLen, int iters) {
        BertConfig c = model.config();
        Random r = new Random(1);
        int[][] ids = new int[batch][seqLen];
        for (int[] row : ids) for (int j = 0; j < seqLen; j++) row[j] = r.nextInt(c.vocabSize());
        BertInput in = BertInput.of(ids);
        TraceOptions plain = TraceOptions.none();
        TraceOptions attention = TraceOptions.builder().keepAttention().build();
        model.forward(in, plain);
        model.forward(in, attention);
        BertModel timed = model.withExecution(model.execution().withGemmTiming());
        long t0 = System.nanoTime();
        for (int k = 0; k < iters; k++) timed.forward(in, plain);
        long plainNs = System.nanoTime() - t0;
        long gemmNs = timed.execution().gemmNanos();
        t0 = System.nanoTime();
        for (int k = 0; k < iters; k++) model.forward(in, attention);
        long attNs = System.nanoTime() - t0;
        double seqs = (double) batch * iters;
        double flop = flopsPerSequence(c, seqLen);
        return new Result(batch, seqLen, iters, plainNs / 1e6 / seqs, attNs / 1e6 / seqs,
                flop * seqs / plainNs, flop / 1e9, gemmNs / (double) plainNs);
    }

    /** {@code ForwardBench [modelNameOrDir|random] [batch] [seqLen] [iters]}. */
    public static void main(String[] args) {
        System.out.println(run(BenchArgs.model(args), BenchArgs.number(args, 1, 8), BenchArgs.number(args, 2, 128),
                BenchArgs.number(args, 3, 3)));
    }
}
