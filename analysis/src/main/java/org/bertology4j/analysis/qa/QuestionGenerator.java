package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Questions from dependency trees, one document at a time. Every subject, object, oblique, passive agent and
 * numeric modifier of a clause is a candidate; each becomes a question whose answer is a span of the sentence text
 * (the argument's phrase, or for a pronoun the mention of its entity elsewhere in the paragraph), or is skipped with
 * one of the fixed reasons of {@link Skip}. The steps: {@link Clause} finds the clause and checks it can be asked
 * about, {@link Argument} applies the rule (question word, answer, what leaves the clause), {@link PronounResolver}
 * names the pronouns the question keeps, {@link QuestionText} orders and spells the question. docs/qa.md lists the
 * rules with examples.
 *
 * <p>Everything is a function of the document alone: the same input gives the same questions.
 */
public final class QuestionGenerator {
    /** The longest answer kept, in words. */
    public static final int MAX_ANSWER_WORDS = 10;
    /** The longest question kept, in white-space separated words. */
    public static final int MAX_QUESTION_WORDS = 25;
    /** The shortest question kept. */
    public static final int MIN_QUESTION_WORDS = 3;

    private static final Set<String> DECLARATIVE_TYPES = Set.of("decl", "multiple", "sub");

    private final List<SentenceView> sentences;
    private final PronounResolver pronouns;
    private final int[] paragraphFirst, paragraphLast;

    /** A generator for the sentences of {@code document}. */
    public QuestionGenerator(Document document) {
        this.sentences = document.sentences().stream().map(SentenceView::new).toList();
        this.pronouns = new PronounResolver(sentences);
        int n = sentences.size();
        paragraphFirst = new int[n];
        paragraphLast = new int[n];
        for (int i = 0; i < n; i++) {
            paragraphFirst[i] = i == 0 || sentences.get(i).sentence.newParagraph() ? i : paragraphFirst[i - 1];
        }
        for (int i = n - 1; i >= 0; i--) {
            paragraphLast[i] = i == n - 1 || sentences.get(i + 1).sentence.newParagraph() ? i : paragraphLast[i + 1];
        }
    }

    /** Number of sentences in the document. */
    public int sentenceCount() { return sentences.size(); }

    /** The text of sentence {@code i} that answers are offsets into ({@code # text}, or the joined forms). */
    public String text(int i) { return sentences.get(i).text; }

    /** Every candidate argument of sentence {@code i}, in word order, each with its question or its skip reason. */
    public List<Candidate> candidates(int i) {
        SentenceView s = sentences.get(i);
        List<Candidate> out = new ArrayList<>();
        for (int w = 0; w < s.size(); w++) {
            QuestionRule rule = ruleFor(s.word(w).deprel());
            if (rule == null) continue;
            try {
                out.add(attempt(s, i, rule, w));
            } catch (Skip e) {
                out.add(Candidate.skipped(rule, i, w, e.reason()));
            }
        }
        return out;
    }

    /** The rule that tries an argument with this relation, or null when none does. */
    static QuestionRule ruleFor(String deprel) {
        return switch (deprel) {
            case "nsubj", "nsubj:pass" -> QuestionRule.SUBJECT;
            case "obj" -> QuestionRule.OBJECT;
            case "obl:agent" -> QuestionRule.AGENT;
            case "nummod" -> QuestionRule.NUMBER;
            default -> deprel.equals("obl") || deprel.startsWith("obl:") ? QuestionRule.OBLIQUE : null;
        };
    }

    private Candidate attempt(SentenceView s, int si, QuestionRule rule, int target) {
        if (!declarative(s)) throw new Skip(Skip.NON_DECLARATIVE);
        if (!s.aligned()) throw new Skip(Skip.UNALIGNED);
        int arg = target;
        if (rule == QuestionRule.NUMBER) {
            arg = s.head(target);
            Argument.checkCounted(s, target, arg);
        }
        Clause clause = new Clause(s, arg);
        Argument argument = new Argument(rule, s, si, target, clause, pronouns, paragraphFirst[si], paragraphLast[si]);
        List<Integer> body = clause.body(argument.removal);
        Map<Integer, String> names = clause.pronounNames(pronouns, si, body);
        clause.checkPersons(body);
        if (rule == QuestionRule.SUBJECT && !clause.verbal() && !clause.askable(body)) throw new Skip(Skip.DEFINITION_LIKE);
        String question = new QuestionText(rule, clause, argument, names, body).render();
        int words = question.split("\\s+").length;
        if (words > MAX_QUESTION_WORDS) throw new Skip(Skip.QUESTION_TOO_LONG);
        if (words < MIN_QUESTION_WORDS) throw new Skip(Skip.QUESTION_TOO_SHORT);
        if (!QuestionText.balanced(question)) throw new Skip(Skip.UNBALANCED);
        String answer = argument.answerText();
        if (contains(AnswerNormalizer.tokens(question), AnswerNormalizer.tokens(answer))) throw new Skip(Skip.ANSWER_IN_QUESTION);
        SentenceView where = argument.answerView;
        int first = argument.answer[0], last = argument.answer[argument.answer.length - 1];
        return new Candidate(rule, si, target, argument.wh, question, answer, argument.answerSentence,
                where.start(first), where.end(last), null);
    }

    private static boolean declarative(SentenceView s) {
        String type = s.sentence.comments().get("s_type");
        if (type != null) return DECLARATIVE_TYPES.contains(type);
        return !s.text.strip().endsWith("?");
    }

    /** Whether {@code part} (non-empty) occurs as a contiguous run in {@code whole}. */
    static boolean contains(List<String> whole, List<String> part) {
        return !part.isEmpty() && java.util.Collections.indexOfSubList(whole, part) >= 0;
    }
}
