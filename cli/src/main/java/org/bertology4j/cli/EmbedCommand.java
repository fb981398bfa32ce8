package org.bertology4j.cli;

import org.bertology4j.core.embedding.EmbeddingSpec;
import org.bertology4j.core.embedding.SentenceEmbedder;
import org.bertology4j.io.JsonFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code embed}: sentence embeddings as sentence-transformers computes them ({@link SentenceEmbedder}). */
@Command(name = "embed", description = "Sentence embeddings as sentence-transformers computes them (the model's pooling, "
        + "normalisation and, with --role, its query/passage prefix); prints JSON with the vector under 'embedding' "
        + "(one object, or an array for several --text). See docs/embeddings.md.")
public final class EmbedCommand implements Callable<Integer> {
    @Mixin ModelOption model;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "A text to embed (repeatable).")
    List<String> texts;

    @Option(names = "--role", defaultValue = "plain", paramLabel = "ROLE",
            description = "plain (the text as given, as langchain4j embeds it), query or passage (the model card's "
                    + "prefix is put before the text). Default: ${DEFAULT-VALUE}.")
    String role;

    @Override
    public Integer call() {
        EmbeddingSpec.Role r;
        try {
            r = EmbeddingSpec.Role.of(role);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--role: " + e.getMessage(), e);
        }
        LoadedModel m = LoadedModel.open(model);
        SentenceEmbedder embedder = new SentenceEmbedder(m.model(), m.tokenizer(),
                EmbeddingSpec.of(model.name(), m.directory().path(), m.model().config().maxPositionEmbeddings()));
        List<Object> out = new ArrayList<>();
        for (SentenceEmbedder.Embedding e : embedder.embed(texts, r)) {
            EmbeddingSpec s = embedder.spec();
            out.add(JsonFiles.object("model", m.name(), "text", e.text(), "role", role, "prefix", s.prefix(r),
                    "pieces", e.encoding().length(), "pooling", s.pooling().name().toLowerCase(java.util.Locale.ROOT),
                    "normalized", s.normalize(), "spec_source", s.source(), "norm_before_normalization", e.norm(),
                    "embedding", e.vector()));
        }
        System.out.println(Json.toString(out.size() == 1 ? out.get(0) : out));
        return 0;
    }
}
