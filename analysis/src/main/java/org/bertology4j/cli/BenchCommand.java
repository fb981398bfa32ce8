package org.bertology4j.cli;

import org.bertology4j.bench.ForwardComparison;
import org.bertology4j.weights.ModelCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench}: speed against peers measured in the same run, reported as ratios. */
@Command(name = "bench", description = "Benchmarks printing ratios against peers run in the same process: "
        + "forward (BERT-base vs TensorFlow Java, bge-small vs ONNX Runtime).")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WHAT", defaultValue = "forward", description = "What to measure: forward (default).")
    String what;

    @Option(names = "--batch", defaultValue = "8", description = "Sequences per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--iters", defaultValue = "3", description = "Timed iterations after one warm-up (default ${DEFAULT-VALUE}).")
    int iters;

    @Override
    public Integer call() throws Exception {
        if (!what.equals("forward")) throw new IllegalArgumentException("unknown benchmark '" + what + "'; known: forward");
        ModelCache cache = ModelCache.defaultCache();
        int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        List<ForwardComparison.Line> lines = new ArrayList<>();
        System.out.println("forward pass, batch " + batch + ", " + iters + " timed iterations, " + threads + " threads");
        lines.add(ForwardComparison.bertBase(batch, iters, cache));
        print(lines.get(lines.size() - 1));
        lines.add(ForwardComparison.bgeSmall(batch, 128, iters, cache, threads));
        print(lines.get(lines.size() - 1));
        return 0;
    }

    private static void print(ForwardComparison.Line l) {
        System.out.printf("%-34s ours %.1f ms/seq  %s %.1f ms/seq  ratio %.2fx  | %.1f GFLOP/s, %.0f%% of time in gemm, "
                        + "keeping all attention costs %.3fx%n", l.model(), l.ours().msPerSeqPlain(), l.peer(), l.peerMsPerSeq(),
                l.ratio(), l.ours().gflopsPlain(), 100 * l.ours().gemmShare(), l.ours().attentionOverhead());
    }
}
