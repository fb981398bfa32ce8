package org.bertology4j.cli;

import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.train.QaPrediction;
import org.bertology4j.analysis.qa.train.QaPredictor;
import org.bertology4j.analysis.qa.train.QaWindows;
import org.bertology4j.analysis.qa.train.SpanDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code qa}: answers one question about a context with a question-answering model; prints JSON. */
@Command(name = "qa", mixinStandardHelpOptions = true, description = {
        "Answer a question about a context with a BertForQuestionAnswering model (finetune-qa's output or a Hugging Face "
                + "directory). Prints JSON: the answer (\"\" for no answer), its score (start + end logit), probability, "
                + "character span (code points, as SQuAD's answer_start) and the no-answer score difference."})
public final class QaCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;

    @Option(names = "--question", required = true, paramLabel = "Q", description = "The question.") String question;
    @Option(names = "--context", required = true, paramLabel = "C", description = "The paragraph to find the answer in.") String context;
    @Option(names = "--max-seq-length", defaultValue = "384", description = "Longest window in pieces. Default: ${DEFAULT-VALUE}.") int maxSeqLength;
    @Option(names = "--doc-stride", defaultValue = "128", description = "Pieces between window starts. Default: ${DEFAULT-VALUE}.") int docStride;
    @Option(names = "--max-query-length", defaultValue = "64", description = "Longest question in pieces. Default: ${DEFAULT-VALUE}.") int maxQueryLength;
    @Option(names = "--n-best", defaultValue = "20", description = "Candidates kept in decoding. Default: ${DEFAULT-VALUE}.") int nBest;
    @Option(names = "--max-answer-length", defaultValue = "30", description = "Longest answer in pieces. Default: ${DEFAULT-VALUE}.") int maxAnswerLength;
    @Option(names = "--null-threshold", defaultValue = "0.0", description = "Predict no answer when the null score exceeds the best span's by more. Default: ${DEFAULT-VALUE}.") double nullThreshold;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        int seq = Math.min(maxSeqLength, m.model().config().maxPositionEmbeddings());
        QaPredictor predictor = new QaPredictor(m.model(), new QaWindows(m.tokenizer(), seq, docStride, maxQueryLength),
                new SpanDecoder(nBest, maxAnswerLength, nullThreshold), 8);
        QaPrediction p = predictor.answer(question, context);
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(p, context)));
        return 0;
    }

    static Map<String, Object> json(QaPrediction p, String context) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("answer", p.text());
        o.put("no_answer", !p.answered());
        QaPrediction.Span b = p.best();
        if (b != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("text", b.text());
            s.put("start", SquadParagraph.codePointOffset(context, b.charStart()));
            s.put("end", SquadParagraph.codePointOffset(context, b.charEnd()));
            s.put("score", b.score());
            s.put("probability", b.probability());
            o.put("best_span", s);
            if (p.answered()) {
                o.put("start", s.get("start"));
                o.put("end", s.get("end"));
                o.put("score", b.score());
                o.put("probability", b.probability());
            }
        }
        o.put("null_score", p.nullScore());
        o.put("score_diff", Double.isInfinite(p.scoreDiff()) ? null : p.scoreDiff());
        return o;
    }
}
