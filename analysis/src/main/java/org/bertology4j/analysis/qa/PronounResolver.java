package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.Mention;
import org.bertology4j.analysis.conllu.Word;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces a third-person pronoun of a question by a fuller mention of its entity, from the document's coreference
 * annotation (GUM's {@code Entity=} brackets): "What did he buy?" becomes "What did Byron buy?". The mention chosen
 * is a name (a proper-noun head) if the entity has one, else a definite description ("the company"), the nearest
 * before the pronoun if there is one, else the nearest after it; mentions longer than {@value #MAX_WORDS} words,
 * indefinite ones ("an unskilled cricketer") and ones holding a first or second person pronoun ("my father") are not
 * used, and a possessive ending is left out ("Norton's" gives "Norton"). Without coreference annotation nothing
 * resolves, and the generator skips the question rather than asking about an unknown "he".
 */
final class PronounResolver {
    static final int MAX_WORDS = 6;

    private record Located(int sentence, Mention mention) {}

    /** A mention's words: sentence, first and last word (a possessive ending left out), its head word. */
    record Span(int sentence, int first, int last, int head) {}

    private final List<SentenceView> sentences;
    private final Map<String, List<Located>> entities = new HashMap<>();

    PronounResolver(List<SentenceView> sentences) {
        this.sentences = sentences;
        for (int s = 0; s < sentences.size(); s++) {
            for (Mention m : sentences.get(s).sentence.mentions()) {
                entities.computeIfAbsent(m.entityId(), k -> new ArrayList<>()).add(new Located(s, m));
            }
        }
    }

    /** Whether the word is a pronoun the question cannot keep as it is (personal or demonstrative, third person). */
    static boolean needsResolution(Word w) {
        if (!w.upos().equals("PRON")) return false;
        String type = w.feature("PronType");
        if (!"Prs".equals(type) && !"Dem".equals(type)) return false;
        if ("Yes".equals(w.feature("Poss")) || "Yes".equals(w.feature("Reflex"))) return false;
        String person = w.feature("Person");
        return person == null || person.equals("3");
    }

    /** The text of a fuller mention of the pronoun's entity, or null when there is none. */
    String resolve(int sentence, int word) {
        Span span = antecedent(sentence, word, 0, sentences.size() - 1);
        if (span == null) return null;
        SentenceView s = sentences.get(span.sentence());
        return QuestionText.lowercaseIfSentenceStart(s, span.first(), s.span(span.first(), span.last()));
    }

    SentenceView sentence(int i) { return sentences.get(i); }

    /**
     * A fuller mention of the pronoun's entity within sentences {@code from..to} (inclusive), or null.
     */
    Span antecedent(int sentence, int word, int from, int to) {
        SentenceView here = sentences.get(sentence);
        String entity = null;
        for (Mention m : here.sentence.mentions()) {
            if (m.start() == word && m.end() == word) entity = m.entityId();
        }
        if (entity == null) return null;
        Located[] best = new Located[4]; // named before, named after, description before, description after
        for (Located l : entities.getOrDefault(entity, List.of())) {
            if (l.sentence < from || l.sentence > to || !usable(l)) continue;
            boolean precedes = l.sentence < sentence || (l.sentence == sentence && l.mention.end() < word);
            boolean follows = l.sentence > sentence || (l.sentence == sentence && l.mention.start() > word);
            if (!precedes && !follows) continue;
            int k = (named(l) ? 0 : 2) + (precedes ? 0 : 1);
            if (precedes || best[k] == null) best[k] = l;
        }
        for (Located l : best) if (l != null) return span(l);
        return null;
    }

    private boolean named(Located l) {
        SentenceView s = sentences.get(l.sentence);
        return s.word(l.mention.headWord(s.sentence)).upos().equals("PROPN");
    }

    private boolean usable(Located l) {
        SentenceView s = sentences.get(l.sentence);
        if (!s.aligned() || l.mention.length() > MAX_WORDS) return false;
        if ("Ind".equals(s.word(l.mention.start()).feature("Definite"))) return false;
        Word head = s.word(l.mention.headWord(s.sentence));
        // a noun phrase: not a pronoun, nor a clause ("it takes study to become a magician")
        if (!head.upos().equals("NOUN") && !head.upos().equals("PROPN") || s.isPunct(l.mention.start())) return false;
        for (int i = l.mention.start(); i <= l.mention.end(); i++) {
            String person = s.word(i).feature("Person");
            if (s.word(i).upos().equals("PRON") && ("1".equals(person) || "2".equals(person))) return false; // "my father"
        }
        return true;
    }

    private Span span(Located l) {
        SentenceView s = sentences.get(l.sentence);
        int end = l.mention.end();
        if (end > l.mention.start() && s.word(end).deprel().equals("case")) end--; // "Norton's" -> "Norton"
        return new Span(l.sentence, l.mention.start(), end, l.mention.headWord(s.sentence));
    }
}
