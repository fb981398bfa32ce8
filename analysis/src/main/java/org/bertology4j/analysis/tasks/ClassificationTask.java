package org.bertology4j.analysis.tasks;

import java.util.List;

/**
 * A labelled task with a train and a dev split.
 *
 * @param name   task name ("gum-genre", "mrpc"...)
 * @param labels label names in index order; a single name means regression
 * @param pair   whether examples are sentence pairs
 * @param train  training examples
 * @param dev    development examples
 */
public record ClassificationTask(String name, List<String> labels, boolean pair, List<TaskExample> train,
                                 List<TaskExample> dev) {
    public boolean regression() { return labels.size() == 1; }

    /** Index of a label name. @throws IllegalArgumentException naming the unknown label */
    public int labelIndex(String label) {
        int i = labels.indexOf(label);
        if (i < 0) throw new IllegalArgumentException("task " + name + ": unknown label '" + label + "' (labels: " + labels + ")");
        return i;
    }
}
