package org.bertology4j.analysis.qa.train;

import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;
import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.heads.SpanLogits;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.train.LengthBatcher;
import org.bertology4j.core.train.TrainingExample;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Answers questions with a {@code BertForQuestionAnswering} model: windows ({@link QaWindows}), one forward per batch
 * of windows sorted by length, best-span decoding ({@link SpanDecoder}). Thread-safe when the model is.
 */
public final class QaPredictor {
    private final BertModel model;
    private final QaWindows windows;
    private final SpanDecoder decoder;
    private final int batchSize;

    /**
     * @throws IllegalStateException when the model has no question-answering head ({@code qa_outputs})
     */
    public QaPredictor(BertModel model, QaWindows windows, SpanDecoder decoder, int batchSize) {
        if (!model.hasHead(HeadType.QUESTION_ANSWERING)) {
            throw new IllegalStateException("the model has no question-answering head (qa_outputs.weight/bias): fine-tune one "
                    + "with finetune-qa or give a Hugging Face BertForQuestionAnswering directory");
        }
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        this.model = model;
        this.windows = windows;
        this.decoder = decoder;
        this.batchSize = batchSize;
    }

    public QaWindows windows() { return windows; }
    public SpanDecoder decoder() { return decoder; }

    /** The answer to one question about a context. */
    public QaPrediction answer(String question, String context) {
        return decode(windows.windows("question", question, context), context);
    }

    /** The answer to one question from its windows (of {@link #windows()}) cut from {@code context}. */
    public QaPrediction decode(List<QaWindow> w, String context) {
        double[][][] logits = logits(w, null);
        return decoder.decode(w, context, List.of(logits[0]), List.of(logits[1]));
    }

    /**
     * Answers every question of a data set, by question id in the data set's order.
     *
     * @param progress called with the number of windows done after each batch (may be null)
     */
    public Map<String, QaPrediction> predict(SquadDataset data, IntConsumer progress) {
        List<QaWindow> all = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();   // per question: first window, count
        List<SquadParagraph> paragraphOf = new ArrayList<>();
        List<SquadQuestion> questions = new ArrayList<>();
        data.paragraphs().forEach(p -> {
            for (SquadQuestion q : p.questions()) {
                List<QaWindow> w = windows.windows(q.id(), q.question(), p.context());
                ranges.add(new int[]{all.size(), w.size()});
                all.addAll(w);
                paragraphOf.add(p);
                questions.add(q);
            }
        });
        double[][][] logits = logits(all, progress);
        Map<String, QaPrediction> out = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            int from = ranges.get(i)[0], n = ranges.get(i)[1];
            List<double[]> s = new ArrayList<>(), e = new ArrayList<>();
            for (int k = from; k < from + n; k++) {
                s.add(logits[0][k]);
                e.add(logits[1][k]);
            }
            out.put(questions.get(i).id(), decoder.decode(all.subList(from, from + n), paragraphOf.get(i).context(), s, e));
        }
        return out;
    }

    /** Start ([0]) and end ([1]) logits of each window, trimmed to its length. */
    double[][][] logits(List<QaWindow> w, IntConsumer progress) {
        List<TrainingExample> ex = w.stream().map(QaWindow::trainingExample).toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ex.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt(i -> ex.get(i).length()));
        double[][][] out = new double[2][ex.size()][];
        int done = 0;
        for (int s = 0; s < order.size(); s += batchSize) {
            int[] idx = order.subList(s, Math.min(order.size(), s + batchSize)).stream().mapToInt(Integer::intValue).toArray();
            SpanLogits l = model.questionAnsweringLogits(model.forward(LengthBatcher.input(ex, idx)));
            double[][] start = rows(l.start()), end = rows(l.end());
            for (int b = 0; b < idx.length; b++) {
                int len = ex.get(idx[b]).length();
                out[0][idx[b]] = java.util.Arrays.copyOf(start[b], len);
                out[1][idx[b]] = java.util.Arrays.copyOf(end[b], len);
            }
            done += idx.length;
            if (progress != null) progress.accept(done);
        }
        return out;
    }

    private static double[][] rows(INDArray a) { return a.castTo(DataType.DOUBLE).toDoubleMatrix(); }
}
