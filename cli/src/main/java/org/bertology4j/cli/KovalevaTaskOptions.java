package org.bertology4j.cli;

import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.analysis.tasks.Tasks;
import org.bertology4j.tokenizer.BertTokenizer;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** Task options shared by the Kovaleva analyses: the dev split of a task, a seeded subset, a length limit. */
public final class KovalevaTaskOptions {
    @Option(names = "--task", required = true, description = "gum-genre, gum-next, or a GLUE task (needs --glue).")
    String task;
    @Option(names = "--gum", defaultValue = "../shared/data/ud-english-gum", description = "GUM directory. Default: ${DEFAULT-VALUE}.")
    Path gum;
    @Option(names = "--glue", description = "Directory of the GLUE task's TSV files.")
    Path glue;
    @Option(names = "--max-examples", defaultValue = "200", description = "Seeded random subset of the dev split. Default: ${DEFAULT-VALUE}.")
    int maxExamples;
    @Option(names = "--max-length", defaultValue = "128", description = "Longer inputs are skipped and counted. Default: ${DEFAULT-VALUE}.")
    int maxLength;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    /** The task's dev subset, encoded (the analyses' input). */
    DevSample dev(BertTokenizer tokenizer) throws IOException {
        DevSample d = DevSample.of(Tasks.load(task, gum, glue, seed), tokenizer, maxExamples, maxLength, seed);
        System.err.printf("task %s dev: %d examples (%d skipped over %d pieces)%n", d.task().name(), d.examples().size(),
                d.skipped(), maxLength);
        return d;
    }
}
