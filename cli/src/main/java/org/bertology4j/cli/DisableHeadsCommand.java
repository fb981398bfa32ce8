package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.HeadDisablingStudy;
import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/**
 * {@code disable-heads}: dev accuracy with each head (and each whole layer) disabled, heads ranked by the change;
 * the study is {@link HeadDisablingStudy}.
 */
@Command(name = "disable-heads", mixinStandardHelpOptions = true,
        description = "Disable each head (uniform attention) and each layer of a fine-tuned classifier; rank heads by the accuracy change.")
public final class DisableHeadsCommand extends KovalevaCommand {
    @Override
    void run(LoadedModel m, DevSample dev, Path out) throws Exception {
        HeadDisablingStudy.Result r = HeadDisablingStudy.run(m.model(), m.identity(), dev, System.err::println);
        r.write(out, true);
        System.out.printf("baseline %.4f; %d of %d heads improve accuracy when disabled; best %s%n", r.accuracies().baseline(), r.headsImproving(),
                r.ranked().size(), r.ranked().get(0));
    }
}
