package org.bertology4j.analysis.qa;

import java.util.ArrayList;
import java.util.List;

/** A treebank paragraph while the data set is built: its context and the questions generated from it. */
final class QaParagraph {
    /** A generated question with its answer's UTF-16 offset in the context. */
    record Generated(String id, String question, String answer, int start, WhWord wh) {}

    final int document;
    final String id;
    final String context;
    final List<Generated> answerable = new ArrayList<>();
    final List<SquadQuestion> unanswerable = new ArrayList<>();
    private List<String> contextTokens;

    QaParagraph(int document, String id, String context) {
        this.document = document;
        this.id = id;
        this.context = context;
    }

    /** The context's normalised tokens (SQuAD's normalisation), computed once. */
    List<String> contextTokens() {
        if (contextTokens == null) contextTokens = AnswerNormalizer.tokens(context);
        return contextTokens;
    }

    /** Whether a question with this text (ignoring case) is already asked here. */
    boolean asks(String question) {
        for (Generated g : answerable) if (g.question().equalsIgnoreCase(question)) return true;
        for (SquadQuestion q : unanswerable) if (q.question().equalsIgnoreCase(question)) return true;
        return false;
    }

    /** The paragraph as SQuAD: the answerable questions, then the unanswerable ones. */
    SquadParagraph toSquad() {
        List<SquadQuestion> qs = new ArrayList<>();
        for (Generated g : answerable) {
            SquadAnswer a = new SquadAnswer(g.answer(), SquadParagraph.codePointOffset(context, g.start()));
            qs.add(new SquadQuestion(g.id(), g.question(), List.of(a), false, List.of()));
        }
        qs.addAll(unanswerable);
        return new SquadParagraph(context, qs);
    }
}
