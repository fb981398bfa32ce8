package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.analysis.tasks.TaskEncoder;
import org.bertology4j.core.model.BertModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kovaleva et al.'s attention to token classes: per head, attention to nouns, verbs, pronouns, subjects, objects,
 * negation, [CLS] and [SEP] ({@code TokenClassAttention}), scored as the paper does ({@link TokenClassScore#COLUMN_SUM})
 * or with this project's earlier row-maximum score ({@link TokenClassScore#ROW_MAX}). Needs a GUM task (the classes
 * come from CoNLL-U).
 *
 * <pre>{@code
 * TokenClassStudy.Result r = TokenClassStudy.run(model, "bert-base-uncased", dev);
 * double[][] toSep = r.scores().get(TokenClass.SEP);
 * }</pre>
 */
public final class TokenClassStudy {
    private TokenClassStudy() {}

    /** How a head's score is defined (in the report). */
    static String definition(TokenClassScore score) {
        return switch (score) {
            case COLUMN_SUM -> "Kovaleva et al.: per example, max over the class's tokens j of (1/n) sum_i A[i][j] (column sum "
                    + "divided by the length n); uniform attention = 1/n; per head: mean over examples containing the class";
            case ROW_MAX -> "per example: sum over rows i of max_{j in class} A[i][j] (= n x mean over rows); "
                    + "1 = uniform attention; per head: mean over examples containing the class";
        };
    }

    /**
     * The study's outcome.
     *
     * @param modelIdentity the model's identity
     * @param task          the task's name
     * @param score         how each example was scored
     * @param examples      examples containing each class
     * @param scores        mean score [layer][head] per class (NaN when no example had it)
     * @param uniform       per class, the score uniform attention would get on the same examples (the reference)
     */
    public record Result(String modelIdentity, String task, TokenClassScore score, Map<TokenClass, Long> examples,
                         Map<TokenClass, double[][]> scores, Map<TokenClass, Double> uniform) {
        /** The token-classes.json content. */
        public Map<String, Object> toJson() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", modelIdentity);
            report.put("task", task);
            report.put("score", score.name());
            report.put("definition", definition(score));
            Map<String, Object> classes = new LinkedHashMap<>();
            for (TokenClass c : scores.keySet()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("examples", examples.get(c));
                e.put("uniform_attention_score", uniform.get(c));
                e.put("per_head", scores.get(c));
                classes.put(c.name(), e);
            }
            report.put("classes", classes);
            return report;
        }

        /** Writes {@code token-classes.json} and, with {@code plots}, the per-class scores ({@code token-classes.png}) into {@code dir}; returns the files. */
        public List<Path> write(Path dir, boolean plots) throws IOException {
            return StudyFiles.jsonAndGrid(dir, "token-classes", toJson(), plots, figureTitles(), List.copyOf(scores.values()), false, 4);
        }

        /** Titles of the per-class figure panels ("noun (180 ex.)"...), in class order. */
        public List<String> figureTitles() {
            return scores.keySet().stream().map(c -> c.name().toLowerCase(Locale.ROOT) + " (" + examples.get(c) + " ex.)").toList();
        }
    }

    /** The study with Kovaleva et al.'s score ({@link TokenClassScore#COLUMN_SUM}). */
    public static Result run(BertModel model, String modelIdentity, DevSample dev) {
        return run(model, modelIdentity, dev, TokenClassScore.COLUMN_SUM);
    }

    /**
     * @throws IllegalArgumentException when the task is not a GUM task
     */
    public static Result run(BertModel model, String modelIdentity, DevSample dev, TokenClassScore score) {
        if (!dev.task().name().startsWith("gum-")) {
            throw new IllegalArgumentException("token classes need a GUM task (gum-genre or gum-next): they come from CoNLL-U");
        }
        TaskEncoder.Encoded e = dev.encoded();
        TokenClassAttention acc = new TokenClassAttention(model.config().numHiddenLayers(), model.config().numAttentionHeads(), score);
        AttentionRunner.run(model, e.examples(), 16, (i, maps) -> acc.add(maps,
                TokenClassAttention.memberships(e.encodings().get(i), e.sources().get(i), SpecialTokens.of(e.examples().get(i)))));
        Map<TokenClass, Long> examples = new LinkedHashMap<>();
        Map<TokenClass, double[][]> scores = new LinkedHashMap<>();
        Map<TokenClass, Double> uniform = new LinkedHashMap<>();
        for (TokenClass c : TokenClass.values()) {
            examples.put(c, acc.examples(c));
            scores.put(c, acc.scores(c));
            uniform.put(c, acc.uniformScore(c));
        }
        return new Result(modelIdentity, dev.task().name(), score, examples, scores, uniform);
    }
}
