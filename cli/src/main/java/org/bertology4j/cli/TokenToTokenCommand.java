package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.TokenToTokenStudy;
import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/**
 * {@code token-to-token}: per-head attention along verb→subject and pronoun↔noun links from GUM, beside each head's
 * previous/next-token mass; the study is {@link TokenToTokenStudy}.
 */
@Command(name = "token-to-token", mixinStandardHelpOptions = true,
        description = "Heads attending along verb->subject and pronoun<->noun (coreference) links from GUM's CoNLL-U, "
                + "all links and links >= 2 tokens apart, against each head's +-1 diagonal mass (Kovaleva et al. 2019).")
public final class TokenToTokenCommand extends KovalevaCommand {
    @Override
    void run(LoadedModel m, DevSample dev, Path out) throws Exception {
        TokenToTokenStudy.Result r = TokenToTokenStudy.run(m.model(), m.identity(), dev);
        r.write(out, true);
        r.relations().forEach((rel, v) -> System.out.printf("%s: %d examples, %d links (%d adjacent); best %s; Spearman with "
                        + "diagonal %.2f (far links: %.2f, best %s)%n", rel, v.examples(), v.links(), v.adjacentLinks(),
                v.top().isEmpty() ? "-" : v.top().get(0), v.spearmanWithDiagonal(), v.spearmanFarWithDiagonal(),
                v.topFar().isEmpty() ? "-" : v.topFar().get(0)));
    }
}
