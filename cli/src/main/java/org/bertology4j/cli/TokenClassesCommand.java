package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.TokenClassScore;
import org.bertology4j.analysis.kovaleva.TokenClassStudy;
import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code token-classes}: per-head attention to nouns, verbs, pronouns, subjects, objects, negation, [CLS], [SEP];
 * the study is {@link TokenClassStudy}.
 */
@Command(name = "token-classes", mixinStandardHelpOptions = true,
        description = "Per-head attention to token classes (UPOS / relations from GUM's CoNLL-U), scored as Kovaleva et al. do "
                + "(column sum / length, max over the class's tokens) or with --score row-max.")
public final class TokenClassesCommand extends KovalevaCommand {
    @Option(names = "--score", defaultValue = "column-sum", converter = ScoreConverter.class,
            description = "column-sum: Kovaleva et al.'s max over class tokens j of (1/n) sum_i A[i][j] (uniform = 1/n); "
                    + "row-max: sum over rows of the row's largest class weight (uniform = 1; this project's earlier score). "
                    + "Default: ${DEFAULT-VALUE}.")
    TokenClassScore score;

    @Override
    void run(LoadedModel m, DevSample dev, Path out) throws Exception {
        TokenClassStudy.run(m.model(), m.identity(), dev, score).write(out, true);
        System.out.println("token-class attention (" + score + ") written to " + out);
    }

    /** {@code column-sum} / {@code row-max}, case-insensitive. */
    static final class ScoreConverter implements picocli.CommandLine.ITypeConverter<TokenClassScore> {
        @Override
        public TokenClassScore convert(String v) {
            return switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "column-sum", "column_sum", "paper" -> TokenClassScore.COLUMN_SUM;
                case "row-max", "row_max" -> TokenClassScore.ROW_MAX;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + v + "' is not a score (column-sum or row-max)");
            };
        }
    }
}
