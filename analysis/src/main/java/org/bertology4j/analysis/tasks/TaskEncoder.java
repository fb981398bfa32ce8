package org.bertology4j.analysis.tasks;

import org.bertology4j.core.train.TrainingExample;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.InputTooLongException;
import org.bertology4j.tokenizer.Truncation;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizes task examples into model inputs: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}
 * (GUM examples word by word, so pieces map back to CoNLL-U words). Examples longer than
 * {@code maxLength} pieces are skipped and counted unless truncation is asked for.
 */
public final class TaskEncoder {
    private final BertTokenizer tokenizer;
    private final int maxLength;
    private final boolean truncate;

    public TaskEncoder(BertTokenizer tokenizer, int maxLength, boolean truncate) {
        if (maxLength < 3) throw new IllegalArgumentException("max length must be at least 3, got " + maxLength);
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.truncate = truncate;
    }

    /** The encoding of one example, or null when it is too long and truncation is off. */
    public Encoding encode(TaskExample e) {
        Truncation tr = truncate ? Truncation.LONGEST_FIRST : Truncation.NONE;
        try {
            if (!e.isPair()) {
                return e.wordsA() != null ? tokenizer.encodeWords(e.wordsA(), maxLength, truncate ? Truncation.ONLY_FIRST : tr)
                        : tokenizer.encode(e.textA(), maxLength, truncate ? Truncation.ONLY_FIRST : tr);
            }
            return e.wordsA() != null && e.wordsB() != null ? tokenizer.encodeWordPair(e.wordsA(), e.wordsB(), maxLength, tr)
                    : tokenizer.encodePair(e.textA(), e.textB(), maxLength, tr);
        } catch (InputTooLongException ex) {
            return null;
        }
    }

    /** Encoded examples with the task's label indices, and the examples kept. */
    public Encoded encodeAll(ClassificationTask task, List<TaskExample> examples) {
        List<TrainingExample> out = new ArrayList<>();
        List<TaskExample> kept = new ArrayList<>();
        List<Encoding> encodings = new ArrayList<>();
        int skipped = 0;
        for (TaskExample e : examples) {
            Encoding enc = encode(e);
            if (enc == null) {
                skipped++;
                continue;
            }
            int label = task.regression() ? 0 : task.labelIndex(e.label());
            out.add(new TrainingExample(enc.ids(), enc.segmentIds(), label, e.target()));
            kept.add(e);
            encodings.add(enc);
        }
        return new Encoded(out, kept, encodings, skipped);
    }

    /**
     * @param examples  model inputs
     * @param sources   the task examples kept, aligned with {@code examples}
     * @param encodings their encodings (pieces, word indices), aligned
     * @param skipped   examples longer than the limit
     */
    public record Encoded(List<TrainingExample> examples, List<TaskExample> sources, List<Encoding> encodings, int skipped) {}
}
