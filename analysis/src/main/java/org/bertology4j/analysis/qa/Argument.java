package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.Word;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The argument a question asks for, by rule: its question word, the words that leave the clause, the answer's words
 * (in this sentence, or for a pronoun the mention of its entity elsewhere in the paragraph) and, for obliques and
 * agents, the preposition left stranded at the end ("Who was the bridge built by?").
 */
final class Argument {
    private static final Set<String> PLAIN_PREPOSITIONS = Set.of("in", "on", "at");
    private static final Set<String> TIME_PREPOSITIONS = Set.of("during", "before", "after", "since", "until", "till",
            "throughout");
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("near", "inside", "outside", "within", "throughout",
            "across", "around", "behind", "beside", "above", "below", "under", "over", "along", "among", "beyond");
    /** The longest counted phrase after "how many", in words. */
    static final int MAX_COUNTED_WORDS = 3;
    /** Verbs whose bare-noun object is part of an idiom ("take place", "make sense", "pay attention"). */
    private static final Set<String> LIGHT_VERBS = Set.of("take", "make", "have", "give", "pay", "do", "get", "keep", "lose");
    /** Prepositions of a place the question strands: "Where did they come from?". */
    private static final Set<String> DIRECTIONS = Set.of("from", "to");
    /** Prepositions stranded after "who": "Who did Byron write to?". */
    private static final Set<String> WHO_PREPOSITIONS = Set.of("to", "with", "for", "from", "against", "about", "of");
    /** Prepositions stranded after "what": "What was Byron known for?". */
    private static final Set<String> WHAT_PREPOSITIONS = Set.of("about", "for", "from", "against", "into", "on", "of", "with");
    /** Entity types asked about with "what ... with" (an instrument, not a manner: "with great care"). */
    private static final Set<String> CONCRETE = Set.of("object", "substance", "animal", "plant");
    /** Determiners and adjectives that make a time noun a duration or a frequency ("in a day", "every year"). */
    private static final Set<String> DURATION_WORDS = Set.of("a", "an", "every", "each", "whole", "entire", "all", "varying");
    /** Adjectives that make a bare time noun a point in time ("the following month", "last year"). */
    private static final Set<String> POINT_WORDS = Set.of("last", "next", "following", "previous", "past", "coming", "same", "early", "late");

    private final SentenceView s;
    private final int sentence, target;
    private final QuestionRule rule;
    private final Clause clause;
    private final PronounResolver resolver;
    private final int paragraphFirst, paragraphLast;

    WhWord wh;
    /** The words taken out of the clause (the argument's phrase). */
    int[] removal;
    /** The sentence the answer is in, and its words there. */
    SentenceView answerView;
    int answerSentence;
    int[] answer;
    /** A preposition left at the end of the question, or null. */
    String stranded;
    /** The question phrase when it is more than the question word ("For how many years"), else null. */
    List<Piece> whPhrase;

    Argument(QuestionRule rule, SentenceView s, int sentence, int target, Clause clause, PronounResolver resolver,
             int paragraphFirst, int paragraphLast) {
        this.rule = rule;
        this.s = s;
        this.sentence = sentence;
        this.target = target;
        this.clause = clause;
        this.resolver = resolver;
        this.paragraphFirst = paragraphFirst;
        this.paragraphLast = paragraphLast;
        this.answerView = s;
        this.answerSentence = sentence;
        switch (rule) {
            case SUBJECT, OBJECT -> nominal(rule == QuestionRule.SUBJECT && clause.verbal());
            case OBLIQUE -> oblique();
            case AGENT -> agent();
            case NUMBER -> number();
        }
        BitSet references = Clause.citations(answerView, answerView.head(answer[0]) < 0 ? answer[0] : top(answerView, answer));
        answer = trim(answerView, Arrays.stream(answer).filter(w -> !references.get(w)).toArray());
        if (answer.length == 0) throw new Skip(Skip.PRONOUN_ANSWER);
        if (!SentenceView.contiguous(answer)) throw new Skip(Skip.NOT_CONTIGUOUS);
        if (answer.length > QuestionGenerator.MAX_ANSWER_WORDS) throw new Skip(Skip.ANSWER_TOO_LONG);
        if (!QuestionText.balanced(answerText())) throw new Skip(Skip.UNBALANCED);
    }

    /** Checks a numeric modifier's counted noun before the clause is looked at: a plural noun argument. */
    static void checkCounted(SentenceView s, int number, int noun) {
        if (ArgumentTypes.year(s.word(number))) throw new Skip(Skip.YEAR_NUMBER);
        Word h = s.word(noun);
        if (!h.upos().equals("NOUN") || !"Plur".equals(h.feature("Number"))) throw new Skip(Skip.NUMBER_HEAD);
        String rel = h.deprel();
        boolean argument = rel.equals("nsubj") || rel.equals("nsubj:pass") || rel.equals("obj")
                || ((rel.equals("obl") || rel.startsWith("obl:")) && !rel.equals("obl:agent"));
        // an oblique needs its preposition: "two centuries old" is a measure, not a count to ask about
        boolean measure = (rel.equals("obl") || rel.startsWith("obl:")) && s.child(noun, "case") < 0;
        if (!argument || measure) throw new Skip(Skip.NUMBER_NOT_ARGUMENT);
        if (s.child(noun, "nmod:poss") >= 0) throw new Skip(Skip.NUMBER_POSSESSED);
    }

    String answerText() {
        return answerView.span(answer[0], answer[answer.length - 1]);
    }

    // ---- the rules ----

    private void nominal(boolean agentive) {
        removal = s.subtree(target);
        answer = withoutAsides(removal, target);
        Word w = s.word(target);
        if (w.upos().equals("NUM")) throw new Skip(Skip.NUMERAL_ANSWER);
        if (modifiedBy(target, Set.of("no")) || ArgumentTypes.lemma(w).equals("none")) throw new Skip(Skip.NEGATIVE_ANSWER);
        if (rule == QuestionRule.OBJECT && removal.length == 1 && LIGHT_VERBS.contains(ArgumentTypes.lemma(s.word(s.head(target))))) {
            throw new Skip(Skip.IDIOM); // "take place", "make sense"
        }
        if (w.upos().equals("PRON") || w.upos().equals("DET")) {
            pronounAnswer(agentive);
            return;
        }
        wh = ArgumentTypes.nominal(s, target, agentive);
        if (wh == null) throw new Skip(Skip.UNKNOWN_PROPER_NOUN);
    }

    // "He was sent to Harrow": the answer is the entity's mention elsewhere in the paragraph ("Byron")
    private void pronounAnswer(boolean agentive) {
        if (!PronounResolver.needsResolution(s.word(target)) || s.subtree(target).length > 1) throw new Skip(Skip.PRONOUN_ANSWER);
        PronounResolver.Span span = resolver.antecedent(sentence, target, paragraphFirst, paragraphLast);
        if (span == null) throw new Skip(Skip.PRONOUN_ANSWER_UNRESOLVED);
        answerView = resolver.sentence(span.sentence());
        answerSentence = span.sentence();
        answer = range(span.first(), span.last());
        wh = ArgumentTypes.nominal(answerView, span.head(), agentive);
        if (wh == null) throw new Skip(Skip.UNKNOWN_PROPER_NOUN);
    }

    private void oblique() {
        Word w = s.word(target);
        int prep = preposition(target);
        String lemma = prep < 0 ? null : ArgumentTypes.lemma(s.word(prep));
        boolean fixed = prep >= 0 && s.child(prep, "fixed") >= 0;
        removal = s.subtree(target);
        boolean strip;
        if (ArgumentTypes.temporal(s, target)) {
            if (fixed) throw new Skip(Skip.TIME_PREPOSITION);
            boolean date = w.upos().equals("NUM") || w.upos().equals("PROPN");
            if (lemma == null || PLAIN_PREPOSITIONS.contains(lemma)) {
                // "in 1947" -> "1947", "on 6 May" -> "6 May"; "in the evenings" keeps its preposition
                strip = lemma != null && date && !counted(target);
            } else if (TIME_PREPOSITIONS.contains(lemma)) {
                strip = false;
            } else {
                throw new Skip(Skip.TIME_PREPOSITION);
            }
            if (w.upos().equals("PRON") || modifiedBy(target, Set.of("this", "that", "these", "those"))) {
                throw new Skip(Skip.DEICTIC_TIME);
            }
            if (modifiedBy(target, DURATION_WORDS)) throw new Skip(Skip.DURATION);
            if (lemma == null && !date && !modifiedBy(target, POINT_WORDS)) throw new Skip(Skip.DURATION); // "the whole year"
            wh = WhWord.WHEN;
        } else if (ArgumentTypes.locative(s, target, lemma)) {
            if (lemma == null || fixed) throw new Skip(Skip.PLACE_PREPOSITION);
            if (PLAIN_PREPOSITIONS.contains(lemma)) {
                strip = true;
            } else if (PLACE_PREPOSITIONS.contains(lemma)) {
                strip = false;
            } else if (DIRECTIONS.contains(lemma) && target > clause.p && !rangeFollows(removal)) {  // not "From B to C he stopped"
                strip = true;
                stranded = s.word(prep).form().toLowerCase(Locale.ROOT);
            } else {
                throw new Skip(Skip.PLACE_PREPOSITION);
            }
            if (w.upos().equals("PRON")) throw new Skip(Skip.PRONOUN_ANSWER);
            wh = WhWord.WHERE;
        } else {
            strandedNominal(prep, lemma, fixed);
            return;
        }
        answer = strip ? withoutLeading(removal, prep) : removal;
    }

    // "Byron wrote to Hobhouse" -> "Who did Byron write to?"; "known for his poetry" -> "What was Byron known for?"
    private void strandedNominal(int prep, String lemma, boolean fixed) {
        // a fronted oblique ("Of interest here, studies suggest ...") does not strand
        boolean coordinated = prep >= 0 && !s.children(prep).isEmpty(); // "for or against all proposed laws"
        if (lemma == null || fixed || coordinated || prep != removal[0] || target < clause.p) throw new Skip(Skip.NOT_TIME_OR_PLACE);
        String type = ArgumentTypes.entityType(s, target);
        boolean person = "person".equals(type)
                || type == null && ArgumentTypes.PERSON_NOUNS.contains(ArgumentTypes.lemma(s.word(target)));
        boolean fits = person ? WHO_PREPOSITIONS.contains(lemma)
                : WHAT_PREPOSITIONS.contains(lemma) && (!lemma.equals("with") || type != null && CONCRETE.contains(type));
        if (!fits) throw new Skip(Skip.NOT_TIME_OR_PLACE);
        stranded = s.word(prep).form().toLowerCase(Locale.ROOT);
        if (rangeFollows(removal)) throw new Skip(Skip.NOT_TIME_OR_PLACE);
        Word w = s.word(target);
        if (w.upos().equals("NUM")) throw new Skip(Skip.NUMERAL_ANSWER);
        if (w.upos().equals("PRON") || w.upos().equals("DET")) {
            pronounAnswer(false);
            if (person != (wh == WhWord.WHO)) throw new Skip(Skip.NOT_TIME_OR_PLACE);
            return;
        }
        answer = withoutAsides(withoutLeading(removal, prep), target);
        wh = person ? WhWord.WHO : WhWord.WHAT;
        if (!person && w.upos().equals("PROPN") && type == null) throw new Skip(Skip.UNKNOWN_PROPER_NOUN);
    }

    private void agent() {
        int by = preposition(target);
        if (by < 0 || !ArgumentTypes.lemma(s.word(by)).equals("by")) throw new Skip(Skip.AGENT_WITHOUT_BY);
        removal = s.subtree(target);
        stranded = "by";
        Word w = s.word(target);
        if (w.upos().equals("PRON") || w.upos().equals("DET")) {
            pronounAnswer(true);
            return;
        }
        answer = withoutAsides(withoutLeading(removal, by), target);
        wh = ArgumentTypes.nominal(s, target, true);
        if (wh == null) throw new Skip(Skip.UNKNOWN_PROPER_NOUN);
    }

    // "How many bridges were built?", "For how many years did he stay?"; the counted noun's phrase is removed
    private void number() {
        int noun = s.head(target);
        wh = WhWord.HOW_MANY;
        removal = s.subtree(noun);
        answer = s.subtree(target);
        BitSet out = new BitSet();
        for (int w : answer) out.set(w);
        int prep = preposition(noun);
        if (prep >= 0 && prep != removal[0]) throw new Skip(Skip.NUMBER_INSIDE_PHRASE); // "after either 2 or 4 years"
        if (prep >= 0) for (int w : s.subtree(prep)) out.set(w);
        for (int c : s.children(noun)) {
            if (s.word(c).baseDeprel().equals("det")) for (int w : s.subtree(c)) out.set(w);
        }
        whPhrase = new ArrayList<>();
        if (prep >= 0) whPhrase.add(Piece.inserted(s.word(prep).form().toLowerCase(Locale.ROOT)));
        whPhrase.add(Piece.inserted(WhWord.HOW_MANY.text()));
        int[] counted = trim(s, Arrays.stream(removal).filter(w -> !out.get(w)).toArray());
        // "How many new bridges", not "How many flights per week on Wednesday afternoon and Saturday"
        if (counted.length > MAX_COUNTED_WORDS || !SentenceView.contiguous(counted)) throw new Skip(Skip.COUNTED_PHRASE);
        for (int w : counted) {
            whPhrase.add(new Piece(w, QuestionText.lowercaseIfSentenceStart(s, w, s.word(w).form())));
        }
    }

    // ---- helpers ----

    // "from leaf to grass to dusty ground": a range, which a stranded "from" would cut
    private boolean rangeFollows(int[] phrase) {
        int next = phrase[phrase.length - 1] + 1;
        return next < s.size() && ArgumentTypes.lemma(s.word(next)).equals("to");
    }

    // the word of the phrase whose head lies outside it
    private static int top(SentenceView v, int[] phrase) {
        for (int w : phrase) if (Arrays.binarySearch(phrase, v.head(w)) < 0) return w;
        return phrase[0];
    }

    private int[] withoutAsides(int[] phrase, int head) {
        BitSet out = new BitSet();
        for (int[] part : Clause.asides(s, head)) for (int w : part) out.set(w);
        return Arrays.stream(phrase).filter(w -> !out.get(w)).toArray();
    }

    // the case marker before the word ("only by 3-5 years": "by"), or -1
    private int preposition(int word) {
        for (int c : s.children(word)) {
            if (s.word(c).deprel().equals("case") && c < word) return c;
        }
        return -1;
    }

    // the phrase without its case marker when that marker opens it ("in 1947" -> "1947")
    private static int[] withoutLeading(int[] phrase, int marker) {
        return marker >= 0 && phrase[0] == marker ? Arrays.copyOfRange(phrase, 1, phrase.length) : phrase;
    }

    // "in two years": a counted period, whose preposition is part of the answer
    private boolean counted(int word) {
        for (int c : s.children(word)) {
            if (s.word(c).deprel().equals("nummod") && !ArgumentTypes.year(s.word(c))) return true;
        }
        return false;
    }

    private boolean modifiedBy(int word, Set<String> lemmas) {
        for (int c : s.children(word)) {
            String rel = s.word(c).baseDeprel();
            if ((rel.equals("det") || rel.equals("amod")) && lemmas.contains(ArgumentTypes.lemma(s.word(c)))) return true;
        }
        return false;
    }

    private static int[] range(int first, int last) {
        int[] out = new int[last - first + 1];
        for (int i = 0; i < out.length; i++) out[i] = first + i;
        return out;
    }

    /** The words without punctuation at either end, and without a leading conjunction or subordinator. */
    static int[] trim(SentenceView v, int[] words) {
        int a = 0, b = words.length;
        while (true) {
            while (a < b && v.isPunct(words[a])) a++;
            while (b > a && v.isPunct(words[b - 1])) b--;
            String rel = a < b - 1 ? v.word(words[a]).deprel() : "";
            if (!rel.equals("mark") && !rel.equals("cc")) break;
            a++;
        }
        return Arrays.copyOfRange(words, a, b);
    }
}
