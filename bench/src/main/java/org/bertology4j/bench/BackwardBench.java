package org.bertology4j.bench;

import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.grad.ParameterGradients;
import org.bertology4j.core.grad.GradientRequest;
import org.bertology4j.core.grad.MaskedLmLoss;
import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.IdentityHashMap;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Cost of the hand-written backward pass relative to the forward pass: one full backward (input and
 * parameter gradients of a masked-LM loss), all G_n and all G*_n of one sentence (input gradients only),
 * and the memory the caches keep relative to the forward activations. Wall-clock medians, not assertions.
 */
public final class BackwardBench {
    private BackwardBench() {}

    /**
     * @param backwardOverForward  full backward (inputs + parameters) / plain forward, same batch
     * @param gOverForward         all G_n of a {@code flowLen}-piece sentence / one forward of it
     * @param gStarOverForward     all G*_n / one forward
     * @param cacheOverActivations bytes kept by the caches / bytes of the forward activations
     */
    public record Result(int batch, int seqLen, int flowLen, double forwardMs, double backwardMs, double flowForwardMs,
                         double gMs, double gStarMs, double backwardOverForward, double gOverForward,
                         double gStarOverForward, double cacheOverActivations) {
        @Override
        public String toString() {
            return String.format("full backward (batch %d x %d, inputs+parameters): %.1f ms vs forward %.1f ms = x%.2f (target <= 2.3)%n"
                            + "all G_n, %d pieces: %.1f ms = %.1f forwards (target <= 12; forward %.2f ms)%n"
                            + "all G*_n, %d pieces: %.1f ms = %.1f forwards (target <= 100)%n"
                            + "memory kept for backward / forward activations: x%.2f (target < 2)",
                    batch, seqLen, backwardMs, forwardMs, backwardOverForward, flowLen, gMs, gOverForward, flowForwardMs,
                    flowLen, gStarMs, gStarOverForward, cacheOverActivations);
        }
    }

    public static Result run(BertModel model, int batch, int seqLen, int flowLen, int iters) {
        BertConfig c = model.config();
        BertInput in = randomInput(c, batch, seqLen, 1);
        TraceOptions caches = TraceOptions.builder().keepCaches().build();
        int[] items = new int[batch], pos = new int[batch], targets = new int[batch];
        for (int b = 0; b < batch; b++) { items[b] = b; pos[b] = seqLen / 2; targets[b] = in.ids()[b][seqLen / 2]; }
        MaskedLmLoss loss = new MaskedLmLoss(items, pos, targets);
        ForwardTrace[] tr = new ForwardTrace[1];
        // Accumulators reused across steps and zeroed (timed), as a training loop does.
        ParameterGradients grads = ParameterGradients.of(model);
        java.util.function.LongSupplier forward = () -> nanos(() -> model.forward(in, TraceOptions.none()));
        java.util.function.LongSupplier backward = () -> {
            tr[0] = model.forward(in, caches);
            long t0 = System.nanoTime();
            grads.zero();
            new Backprop(model).compute(tr[0], loss, new GradientRequest(true, false), grads);
            return System.nanoTime() - t0;
        };
        // interleaved rounds, medians: a slow spell of a shared machine hits both alike
        forward.getAsLong();
        backward.getAsLong();
        double[] fwdMs = new double[iters], bwdMs = new double[iters];
        for (int k = 0; k < iters; k++) {
            fwdMs[k] = forward.getAsLong() / 1e6;
            bwdMs[k] = backward.getAsLong() / 1e6;
        }
        double fwd = Median.of(fwdMs), bwd = Median.of(bwdMs);
        double ratioMem = cacheBytes(tr[0]) / activationBytes(c, batch, seqLen, model.dataType());
        System.out.printf("forward %.1f ms, full backward %.1f ms (x%.2f), cache/activations x%.2f%n", fwd, bwd, bwd / fwd, ratioMem);

        BertInput one = randomInput(c, 1, flowLen, 2);
        JacobianNorms jn = new JacobianNorms(model);
        ForwardTrace ft = jn.forward(one);
        Supplier<?> forward1 = () -> model.forward(one, TraceOptions.none());
        Supplier<?> allG = () -> jn.gradient(ft, JacobianNorms.Measure.ONES_VJP);
        Supplier<?> allGStar = () -> jn.gradientFromEmbeddings(ft, JacobianNorms.Measure.ONES_VJP);
        // one untimed call of each first: the first G*_n call runs 30-40% slower than the next (JIT compilation and
        // first-touch allocation of its stacked buffers), and with two G*_n rounds it weighed half of the median
        forward1.get();
        allG.get();
        allGStar.get();
        // interleaved rounds, as above: three forwards around each G_n, and each (seconds-long) G*_n, so that the
        // forward that is the ratios' denominator is measured in the same minutes as what it divides
        int gStarRounds = Math.max(1, iters / 2);
        double[] fwd1Ms = new double[3 * (iters + gStarRounds)], gMs = new double[iters], gStarMs = new double[gStarRounds];
        int f = 0;
        for (int k = 0; k < iters; k++) {
            for (int i = 0; i < 3; i++) fwd1Ms[f++] = nanos(forward1) / 1e6;
            gMs[k] = nanos(allG) / 1e6;
            if (k < gStarRounds) {
                for (int i = 0; i < 3; i++) fwd1Ms[f++] = nanos(forward1) / 1e6;
                gStarMs[k] = nanos(allGStar) / 1e6;
            }
        }
        double fwd1 = Median.of(java.util.Arrays.copyOf(fwd1Ms, f)), g = Median.of(gMs), gs = Median.of(gStarMs);
        System.out.printf("one forward of %d pieces %.2f ms, all G_n %.1f ms (%.1f forwards)%n", flowLen, fwd1, g, g / fwd1);
        return new Result(batch, seqLen, flowLen, fwd, bwd, fwd1, g, gs, bwd / fwd, g / fwd1, gs / fwd1, ratioMem);
    }

    /** Bytes of the distinct buffers the caches of a trace reference. */
    static double cacheBytes(ForwardTrace tr) {
        IdentityHashMap<DataBuffer, Boolean> seen = new IdentityHashMap<>();
        double[] bytes = {0};
        java.util.function.Consumer<INDArray> add = a -> {
            if (a == null) return;
            DataBuffer d = a.data();
            DataBuffer root = d.originalDataBuffer() != null ? d.originalDataBuffer() : d;
            if (seen.put(root, Boolean.TRUE) == null) bytes[0] += (double) root.length() * root.getElementSize();
        };
        var e = tr.embeddingsCache();
        add.accept(e.sum()); add.accept(e.layerNorm().input()); add.accept(e.layerNorm().mean()); add.accept(e.layerNorm().rstd());
        for (int l = 0; l < tr.numLayers(); l++) {
            EncoderLayer.Cache c = tr.cache(l);
            add.accept(c.attention().qkv().input()); add.accept(c.attention().q()); add.accept(c.attention().k()); add.accept(c.attention().v());
            add.accept(c.attention().probs()); add.accept(c.attention().output().input());
            for (var n : new org.bertology4j.core.layers.LayerNorm.Cache[]{c.attentionNorm(), c.outputNorm()}) {
                add.accept(n.input()); add.accept(n.mean()); add.accept(n.rstd());
            }
            add.accept(c.intermediate().input()); add.accept(c.gelu().input()); add.accept(c.ffnOutput().input());
        }
        return bytes[0];
    }

    /**
     * Forward activations: every tensor a layer produces on the way (Q|K|V, probabilities, context, the two
     * LayerNorm inputs and outputs, FFN pre-activation and GELU output) plus h_0.
     */
    static double activationBytes(BertConfig c, int batch, int seqLen, DataType dt) {
        double n = (double) batch * seqLen, h = c.hiddenSize(), i = c.intermediateSize();
        double perLayer = n * 3 * h + (double) batch * c.numAttentionHeads() * seqLen * seqLen + n * h * 5 + n * i * 2;
        return (perLayer * c.numHiddenLayers() + n * h * 2) * dt.width();
    }

    private static BertInput randomInput(BertConfig c, int batch, int seqLen, long seed) {
        Random r = new Random(seed);
        int[][] ids = new int[batch][seqLen];
        for (int[] row : ids) {
            for (int j = 0; j < seqLen; j++) row[j] = 1000 + r.nextInt(c.vocabSize() - 1000);
            row[0] = 101 % c.vocabSize();
            row[seqLen - 1] = 102 % c.vocabSize();
        }
        return BertInput.of(ids);
    }

    private static long nanos(Supplier<?> f) {
        long t0 = System.nanoTime();
        f.get();
        return System.nanoTime() - t0;
    }

    /** Median ms of {@code iters} timed calls of {@code f} after one warm-up. */
    /** {@code BackwardBench [modelNameOrDir|random] [batch] [seqLen] [flowLen] [iters]}. */
    public static void main(String[] args) {
        System.out.println(run(BenchArgs.model(args), BenchArgs.number(args, 1, 2), BenchArgs.number(args, 2, 64),
                BenchArgs.number(args, 3, 32), BenchArgs.number(args, 4, 3)));
    }
}
