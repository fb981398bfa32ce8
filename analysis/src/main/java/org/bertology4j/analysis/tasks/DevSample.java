package org.bertology4j.analysis.tasks;

import org.bertology4j.core.train.TrainingExample;
import org.bertology4j.tokenizer.BertTokenizer;

import java.util.List;

/**
 * The encoded dev examples a Kovaleva analysis runs on: a seeded random subset of a task's dev split (seed + 1, as
 * fine-tuning draws its dev subset), tokenized, inputs longer than the limit skipped and counted.
 *
 * @param task    the task
 * @param encoded the encoded subset (model inputs, the task examples they come from, their encodings)
 */
public record DevSample(ClassificationTask task, TaskEncoder.Encoded encoded) {

    /**
     * @param maxExamples size of the random subset (negative: the whole dev split)
     * @param maxLength   longest input in pieces
     * @param seed        the task seed (the subset is drawn with {@code seed + 1})
     * @throws IllegalArgumentException when no dev example fits in {@code maxLength} pieces
     */
    public static DevSample of(ClassificationTask task, BertTokenizer tokenizer, int maxExamples, int maxLength, long seed) {
        TaskEncoder.Encoded e = new TaskEncoder(tokenizer, maxLength, false)
                .encodeAll(task, Tasks.subset(task.dev(), maxExamples, seed + 1));
        if (e.examples().isEmpty()) throw new IllegalArgumentException("no dev example fits in " + maxLength + " pieces");
        return new DevSample(task, e);
    }

    /** The model inputs. */
    public List<TrainingExample> examples() { return encoded.examples(); }

    /** Examples skipped for being too long. */
    public int skipped() { return encoded.skipped(); }
}
