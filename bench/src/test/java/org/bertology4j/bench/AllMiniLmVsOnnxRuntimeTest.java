package org.bertology4j.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.weights.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * all-MiniLM-L6-v2 (langchain4j's jar: 6 layers, hidden 384) converted into the cache, against ONNX Runtime running
 * the jar's own ONNX file on the same ids, and our tokenizer against Hugging Face's (the Rust tokenizers through DJL,
 * what langchain4j runs) on every GUM dev sentence.
 */
@Tag("real-model")
class AllMiniLmVsOnnxRuntimeTest {
    static final String NAME = "all-minilm-l6-v2";
    static BertModel model;
    static BertTokenizer tokenizer;
    static OnnxPeer ort;
    static HuggingFaceTokenizer reference;

    @BeforeAll
    static void load() throws Exception {
        ModelCache cache = ModelCache.defaultCache();
        Path dir = cache.resolve(NAME);
        model = BertModel.load(dir);
        tokenizer = BertTokenizer.fromModelDirectory(dir);
        Path work = Files.createDirectories(cache.root().resolve(".bench"));
        ort = new OnnxPeer(ForwardComparison.extractOnnx(NAME, work), 2);
        reference = HuggingFaceTokenizer.newInstance(jarTokenizerJson(work), Map.of("truncation", "false", "padding", "false"));
    }

    @AfterAll
    static void close() throws Exception {
        if (ort != null) ort.close();
        if (reference != null) reference.close();
    }

    /** The jar's own {@code *-tokenizer.json}, not the copy the conversion made. */
    static Path jarTokenizerJson(Path work) throws Exception {
        Path out = work.resolve(NAME + "-tokenizer.json");
        if (Files.isRegularFile(out)) return out;
        Path jar = org.bertology4j.weights.ModelFetcher.fetchJar(org.bertology4j.weights.ModelFetcher.known(NAME).orElseThrow());
        try (ZipFile z = new ZipFile(jar.toFile())) {
            var e = z.stream().filter(x -> x.getName().endsWith("tokenizer.json")).findFirst().orElseThrow();
            Path tmp = Files.createTempFile(work, ".tok-", ".tmp");
            try (var in = z.getInputStream(e)) { Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING); }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    @Test
    void tokenizerEqualsHuggingFacesOnGumDev() throws Exception {
        List<String> sentences = GumSentences.dev();
        assertEquals(GumSentences.whole() ? 1575 : 134, sentences.size());
        List<String> bad = new ArrayList<>();
        for (String s : sentences) {
            int[] ours = tokenizer.encode(s, Integer.MAX_VALUE, org.bertology4j.tokenizer.Truncation.NONE).ids();
            long[] theirs = reference.encode(s).getIds();
            if (!Arrays.equals(ours, Arrays.stream(theirs).mapToInt(Math::toIntExact).toArray())) {
                bad.add(s + "\n  ours: " + Arrays.toString(ours) + "\n  HF:   " + Arrays.toString(theirs));
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " of " + sentences.size() + " sentences differ:\n" + String.join("\n", bad.subList(0, Math.min(5, bad.size()))));
    }

    @Test
    void lastHiddenStateMatchesOnnxRuntime() throws Exception {
        double random = ForwardComparison.maxDifference(model, ort, ForwardComparison.paddedRandom(3, 128, 40, 7, 2));
        List<String> sentences = GumSentences.dev().subList(0, 32);
        Encoding[] enc = sentences.stream().map(tokenizer::encode).toArray(Encoding[]::new);
        int[][] ids = Arrays.stream(enc).map(Encoding::ids).toArray(int[][]::new);
        double gum = ForwardComparison.maxDifference(model, ort, BertInput.padded(ids));
        System.out.println(NAME + ": max |engine - ONNX Runtime| on the last hidden state: random padded batch " + random
                + ", 32 GUM dev sentences " + gum);
        assertTrue(random < 1e-4, "random padded batch differs by " + random);
        assertTrue(gum < 1e-4, "GUM sentences differ by " + gum);
    }
}
