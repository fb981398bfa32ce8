package org.bertology4j.cli;

import org.bertology4j.bench.ForwardComparison;
import org.bertology4j.bench.AttributionBench;
import org.bertology4j.bench.BackwardBench;
import org.bertology4j.bench.DeepLiftBench;
import org.bertology4j.bench.MachinePeak;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.ModelCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench}: speed against peers measured in the same run, reported as ratios. */
@Command(name = "bench", description = "Benchmarks printing ratios measured in the same run: forward (BERT-base vs "
        + "TensorFlow Java; BERT-base, exported with convert --to onnx, and bge-small vs ONNX Runtime, at the batch and at "
        + "batch 1), backward (full backward, all G_n and G*_n as multiples of a "
        + "forward pass), deeplift (one attribution as multiples of a forward pass), attribution (gradient x input, attention x "
        + "gradient, DeepLIFT, 16-point integrated gradients, attention rollout, attention flow and norm-based attention of "
        + "a 32-piece sentence, each in forward passes).")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WHAT", defaultValue = "forward", description = "What to measure: forward (default), backward, deeplift, attribution.")
    String what;

    @Option(names = "--model", defaultValue = "bert-base-uncased",
            description = "Model for backward and deeplift (cache name). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--batch", defaultValue = "8", description = "Sequences per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--iters", defaultValue = "5", description = "Timed iterations after one warm-up (default ${DEFAULT-VALUE}); "
            + "for forward, rounds of (plain forward, forward keeping attention, peer), reported as medians.")
    int iters;

    @Override
    public Integer call() throws Exception {
        ModelCache cache = ModelCache.defaultCache();
        switch (what) {
            case "forward" -> { }
            case "backward" -> {
                // batch 2 x 64 for the full backward (inputs and all parameters, masked-LM loss), 32 pieces for G_n, G*_n
                System.out.println(BackwardBench.run(
                        BertModel.load(cache.resolve(model)), 2, 64, 32, Math.max(iters, 5)));
                System.out.println(blas());
                return 0;
            }
            case "deeplift" -> {
                System.out.println(DeepLiftBench.run(BertModel.load(
                        cache.resolve(model)), SpecialTokens.bert(), 128, Math.max(iters, 3)));
                System.out.println(blas());
                return 0;
            }
            case "attribution" -> {
                // a sentence-sized input: integrated gradients runs its points as batches of 8 forwards and backwards
                System.out.println(AttributionBench.run(BertModel.load(cache.resolve(model)), SpecialTokens.bert(), 32, 16,
                        Math.max(iters, 3)));
                System.out.println(blas());
                return 0;
            }
            default -> throw new IllegalArgumentException("unknown benchmark '" + what + "'; known: forward, backward, deeplift, attribution");
        }
        int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        List<ForwardComparison.Line> lines = new ArrayList<>();
        System.out.println("forward pass, batch " + batch + ", " + iters + " interleaved rounds (medians), " + threads + " threads");
        peak = MachinePeak.measure(threads);
        System.out.println(peak);
        lines.add(ForwardComparison.bertBase(batch, iters, cache));
        System.out.println(blas());
        print(lines.get(lines.size() - 1));
        for (int b : batch == 1 ? new int[]{1} : new int[]{batch, 1}) {
            lines.add(ForwardComparison.bertBaseOnnx(b, 128, iters, cache, threads));
            print(lines.get(lines.size() - 1));
            lines.add(ForwardComparison.bgeSmall(b, 128, iters, cache, threads));
            print(lines.get(lines.size() - 1));
        }
        return 0;
    }

    private MachinePeak.Result peak;

    /** Which BLAS served our products (model.NativeBuild picks oneMKL when its natives are on the classpath). */
    private static String blas() {
        return "our products: " + org.bertology4j.core.model.NativeBuild.blasInUse() + " ("
                + org.bertology4j.core.model.NativeBuild.BLAS_PROPERTY + "=openblas or mkl to choose); attention's per-head products: "
                + org.bertology4j.core.kernels.Kernels.batchedProductRoute() + "; dense products: "
                + org.bertology4j.core.kernels.Kernels.denseProductRoute() + " (-D" + "bertology4j.gemm=nd4j for ND4J's gemm)";
    }

    private void print(ForwardComparison.Line l) {
        // the products' own rate: their FLOPs over the time inside them (summed over a split batch's threads)
        double products = l.ours().gflopsPlain() / l.ours().gemmShare();
        System.out.printf("%-44s ours %.1f ms/seq  %s %.1f ms/seq  ratio %.2fx  | %.1f GFLOP/s (%.0f%% of peak; peer %.0f%%), "
                        + "%.0f%% of time in gemm (products at %.0f GFLOP/s, %.0f%% of peak), keeping all attention costs %.3fx%n",
                l.model(), l.ours().msPerSeqPlain(),
                l.peer(), l.peerMsPerSeq(), l.ratio(), l.ours().gflopsPlain(), 100 * l.ours().gflopsPlain() / peak.peakGflops(),
                100 * l.ours().gflopPerSeq() / (l.peerMsPerSeq() / 1e3) / peak.peakGflops(),
                100 * l.ours().gemmShare(), products, 100 * products / peak.peakGflops(), l.ours().attentionOverhead());
    }
}
