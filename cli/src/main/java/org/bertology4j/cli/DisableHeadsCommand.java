package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.HeadDisablingStudy;
import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code disable-heads}: dev accuracy with each head (and each whole layer) disabled, heads ranked by the change;
 * the study is {@link HeadDisablingStudy}.
 */
@Command(name = "disable-heads", mixinStandardHelpOptions = true,
        description = "Disable each head (uniform attention) and each layer of a fine-tuned classifier; rank heads by the accuracy change.")
public final class DisableHeadsCommand extends KovalevaCommand {
    @Option(names = "--layers-only", description = "Disable whole layers only (12 runs instead of 156), each with its "
            + "McNemar test and bootstrap interval.")
    boolean layersOnly;

    @Override
    void run(LoadedModel m, DevSample dev, Path out) throws Exception {
        HeadDisablingStudy.Result r = HeadDisablingStudy.run(m.model(), m.identity(), dev, !layersOnly, taskOptions.task.seed,
                System.err::println);
        r.write(out, true);
        System.out.printf("baseline %.4f%n", r.accuracies().baseline());
        for (HeadDisablingStudy.LayerChange c : r.layers()) {
            System.out.printf("layer %d disabled: %+.4f [%+.4f, %+.4f], McNemar p = %.3g%n", c.layer(), c.uncertainty().change(),
                    c.uncertainty().low(), c.uncertainty().high(), c.uncertainty().test().pValue());
        }
        if (!layersOnly) {
            System.out.printf("%d of %d heads improve accuracy when disabled (%d significant at p < 0.05, %d after Holm); best %s%n",
                    r.headsImproving(), r.ranked().size(), r.headsSignificant(0.05), r.headsSignificantHolm(0.05), r.ranked().get(0));
        }
    }
}
