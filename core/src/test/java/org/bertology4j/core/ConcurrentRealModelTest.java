package org.bertology4j.core;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.grad.GradientRequest;
import org.bertology4j.core.grad.MaskedLmLoss;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.ModelCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * One real BERT-base shared by four threads running a forward pass, a backward pass, a DeepLIFT attribution and all
 * Jacobian norms G_n at the same moment (twice each): every result equals the sequential run's bit for bit. The model
 * is immutable and every call allocates its own arrays and scratch memory; this checks that nothing (a shared buffer,
 * a workspace, the kernels' thread splitting) leaks between concurrent calls.
 */
@Tag("real-model")
class ConcurrentRealModelTest {
    // [CLS] the capital of france is [MASK] . [SEP] (bert-base-uncased ids)
    private static final int[] IDS = {101, 1996, 3007, 1997, 2605, 2003, 103, 1012, 102};

    @Test
    void fourThreadsFourMethodsBitIdenticalToSequential() throws Exception {
        BertModel model = BertModel.load(ModelCache.defaultCache().resolve("bert-base-uncased"));
        BertInput in = BertInput.of(new int[][]{IDS});
        List<Callable<double[]>> work = List.of(
                () -> model.forward(in, TraceOptions.none()).lastHidden().dup().data().asDouble(),
                () -> new Backprop(model).compute(in, new MaskedLmLoss(new int[]{0}, new int[]{6}, new int[]{3000}),
                        GradientRequest.inputsOnly()).embeddingSum().dup().data().asDouble(),
                () -> flatten(new DeepLift(model).attribute(in, Target.maskedLm(6, 3000))),
                () -> flatten(new JacobianNorms(model).compute(in, JacobianNorms.Measure.ONES_VJP).gradient()));
        List<double[]> sequential = new ArrayList<>();
        for (Callable<double[]> w : work) sequential.add(w.call());

        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            for (int round = 0; round < 2; round++) {
                CyclicBarrier start = new CyclicBarrier(work.size());
                List<Future<double[]>> running = new ArrayList<>();
                for (Callable<double[]> w : work) running.add(pool.submit(() -> { start.await(); return w.call(); }));
                for (int k = 0; k < work.size(); k++) {
                    assertArrayEquals(sequential.get(k), running.get(k).get(), 0.0,
                            new String[]{"forward", "backward", "DeepLIFT", "Jacobian norms"}[k] + ", round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] flatten(Attribution a) {
        double[] out = Arrays.copyOf(a.tokenScores(), a.tokenScores().length);
        for (double[] layer : a.layerScores()) {
            double[] joined = Arrays.copyOf(out, out.length + layer.length);
            System.arraycopy(layer, 0, joined, out.length, layer.length);
            out = joined;
        }
        return out;
    }

    private static double[] flatten(double[][][] maps) {
        return Arrays.stream(maps).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
    }
}
