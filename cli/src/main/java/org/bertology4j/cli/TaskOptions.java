package org.bertology4j.cli;

import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.analysis.tasks.Tasks;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The task options of {@code finetune} and the Kovaleva analyses: the task, where its data is, the seed, the output. */
public final class TaskOptions {
    @Option(names = "--task", required = true, description = "gum-genre, gum-next, or a GLUE task (mrpc, sst-2, rte, qnli, qqp, mnli, sts-b; needs --glue).")
    String task;
    @Option(names = "--gum", defaultValue = "../shared/data/ud-english-gum", description = "GUM directory. Default: ${DEFAULT-VALUE}.")
    Path gum;
    @Option(names = "--glue", description = "Directory of the GLUE task's TSV files (train.tsv, dev.tsv).")
    Path glue;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Mixin OutputDirectory output;

    /** The task ({@link Tasks#load}). */
    ClassificationTask load() throws IOException { return Tasks.load(task, gum, glue, seed); }
}
