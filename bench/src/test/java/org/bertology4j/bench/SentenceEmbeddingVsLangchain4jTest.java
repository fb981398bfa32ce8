package org.bertology4j.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import org.bertology4j.core.embedding.EmbeddingSpec;
import org.bertology4j.core.embedding.SentenceEmbedder;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.weights.ModelCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's sentence embeddings against langchain4j's in-process embedding models (ONNX Runtime on the jar's own
 * graph, Hugging Face's tokenizer, their pooling and normalisation) on the same texts: equal to 1e-5 in every
 * component. The texts are shorter than both models' input limits (langchain4j splits longer texts and averages the
 * parts; sentence-transformers, which we follow, truncates).
 */
@Tag("real-model")
class SentenceEmbeddingVsLangchain4jTest {

    @ParameterizedTest
    @ValueSource(strings = {"all-minilm-l6-v2", "bge-small-en-v1.5"})
    void embeddingsEqualLangchain4js(String name) throws Exception {
        Path dir = ModelCache.defaultCache().resolve(name);
        BertModel model = BertModel.load(dir);
        SentenceEmbedder embedder = new SentenceEmbedder(model, BertTokenizer.fromModelDirectory(dir),
                EmbeddingSpec.of(name, dir, model.config().maxPositionEmbeddings()));
        EmbeddingModel reference = name.startsWith("bge") ? new BgeSmallEnV15EmbeddingModel() : new AllMiniLmL6V2EmbeddingModel();
        List<String> texts = new ArrayList<>(List.of("Hello.", "The capital of France is Paris.",
                "Why are these two texts similar? Because they share words, or because they mean the same?"));
        texts.addAll(GumSentences.dev().subList(0, 12));
        double worst = 0;
        for (SentenceEmbedder.Embedding e : embedder.embed(texts, EmbeddingSpec.Role.PLAIN)) {
            float[] theirs = reference.embed(e.text()).content().vector();
            assertEquals(theirs.length, e.vector().length);
            for (int j = 0; j < theirs.length; j++) worst = Math.max(worst, Math.abs(e.vector()[j] - theirs[j]));
        }
        System.out.println(name + ": max |ours - langchain4j| over " + texts.size() + " texts' embeddings: " + worst);
        assertTrue(worst < 1e-5, name + " differs from langchain4j by " + worst);
    }
}
