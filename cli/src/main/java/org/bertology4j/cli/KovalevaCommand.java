package org.bertology4j.cli;

import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The frame of the Kovaleva analysis commands ({@code patterns}, {@code disable-heads}, {@code attention-change},
 * {@code token-classes}): open {@code --model}, draw the task's dev subset, run the study (a library class of
 * {@code org.bertology4j.analysis.kovaleva}) and write its files into {@code --out}.
 */
abstract class KovalevaCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin KovalevaTaskOptions taskOptions;

    @Override
    public final Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        run(m, taskOptions.dev(m.tokenizer()), taskOptions.task.output.out);
        return 0;
    }

    /** Runs the study on the dev subset and writes its JSON and figures into {@code out}. */
    abstract void run(LoadedModel m, DevSample dev, Path out) throws Exception;
}
