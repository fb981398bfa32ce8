package org.bertology4j.cli;

import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.train.QaPrediction;
import org.bertology4j.analysis.qa.train.QaPredictor;
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
    @Mixin QaWindowOptions qa;

    @Option(names = "--question", required = true, paramLabel = "Q", description = "The question.") String question;
    @Option(names = "--context", required = true, paramLabel = "C", description = "The paragraph to find the answer in.") String context;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        QaPredictor predictor = new QaPredictor(m.model(), qa.windows(m.tokenizer(), m.model().config().maxPositionEmbeddings()),
                qa.decoder(), 8);
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
