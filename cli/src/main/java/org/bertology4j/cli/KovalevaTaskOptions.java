package org.bertology4j.cli;

import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.tokenizer.BertTokenizer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;

/** Task options shared by the Kovaleva analyses: the dev split of a task, a seeded subset, a length limit. */
public final class KovalevaTaskOptions {
    @Mixin TaskOptions task;
    @Option(names = "--max-examples", defaultValue = "200", description = "Seeded random subset of the dev split. Default: ${DEFAULT-VALUE}.")
    int maxExamples;
    @Option(names = "--max-length", defaultValue = "128", description = "Longer inputs are skipped and counted. Default: ${DEFAULT-VALUE}.")
    int maxLength;

    /** The task's dev subset, encoded (the analyses' input). */
    DevSample dev(BertTokenizer tokenizer) throws IOException {
        DevSample d = DevSample.of(task.load(), tokenizer, maxExamples, maxLength, task.seed);
        System.err.printf("task %s dev: %d examples (%d skipped over %d pieces)%n", d.task().name(), d.examples().size(),
                d.skipped(), maxLength);
        return d;
    }
}
