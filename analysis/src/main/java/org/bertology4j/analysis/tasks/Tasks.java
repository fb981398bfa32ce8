package org.bertology4j.analysis.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Resolves a task name: {@code gum-genre}, {@code gum-next}, or a GLUE task read from {@code glueDir}. */
public final class Tasks {
    private Tasks() {}

    /**
     * @param glueDir directory of the GLUE task's TSV files (e.g. {@code glue_data/MRPC}); needed for GLUE tasks only
     */
    public static ClassificationTask load(String name, Path gumDir, Path glueDir, long seed) throws IOException {
        switch (name) {
            case "gum-genre":
                return GumTasks.genre(gumDir);
            case "gum-next":
                return GumTasks.nextSentence(gumDir, seed);
            default:
                if (!GlueTasks.known(name)) {
                    throw new IllegalArgumentException("unknown task '" + name
                            + "' (gum-genre, gum-next, or a GLUE task: mrpc, sst-2, rte, qnli, qqp, mnli, sts-b)");
                }
                if (glueDir == null) throw new IllegalArgumentException("GLUE task " + name + " needs --glue DIR (the task's TSV directory)");
                return GlueTasks.load(name, glueDir);
        }
    }

    /**
     * A seeded random subset of {@code n} examples (the list itself when {@code n} is negative or not smaller than its
     * size): the examples shuffled with {@code new Random(seed)}, first {@code n} kept. Fine-tuning takes its training
     * subset with the task seed and its dev subset with the seed + 1, as do the Kovaleva analyses ({@link DevSample}).
     */
    public static List<TaskExample> subset(List<TaskExample> all, int n, long seed) {
        if (n < 0 || n >= all.size()) return all;
        List<TaskExample> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(seed));
        return copy.subList(0, n);
    }
}
