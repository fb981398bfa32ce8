package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.Mention;
import org.bertology4j.analysis.conllu.Sentence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The (noun, later pronoun) pairs of one sentence for the coreference analysis.
 *
 * <p>A <i>noun</i> is a word with UPOS NOUN or PROPN that is the head word ({@link Mention#headWord}) of at least
 * one coreference mention; a <i>pronoun</i> is a word with UPOS PRON that heads at least one mention. Every noun
 * is paired with every pronoun after it in the same sentence. A pair is <i>coreferent</i> when some mention
 * headed by the noun and some mention headed by the pronoun belong to the same entity. Requiring mention heads
 * keeps words outside GUM's mention annotation (e.g. expletive "it", nouns inside names) out of both groups,
 * so "not coreferent" means "mentions of different entities".
 */
public final class CorefPairs {
    private CorefPairs() {}

    /** One pair: word indices (0-based) of the noun and the later pronoun. */
    public record Pair(int noun, int pronoun, boolean coreferent) {}

    /** All pairs of the sentence, ordered by noun then pronoun. */
    public static List<Pair> of(Sentence s) {
        List<Set<String>> entities = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) entities.add(new HashSet<>());
        for (Mention m : s.mentions()) entities.get(m.headWord(s)).add(m.entityId());
        List<Pair> out = new ArrayList<>();
        for (int t1 = 0; t1 < s.size(); t1++) {
            String u1 = s.words().get(t1).upos();
            if (!(u1.equals("NOUN") || u1.equals("PROPN")) || entities.get(t1).isEmpty()) continue;
            for (int t2 = t1 + 1; t2 < s.size(); t2++) {
                if (!s.words().get(t2).upos().equals("PRON") || entities.get(t2).isEmpty()) continue;
                boolean coref = false;
                for (String e : entities.get(t2)) coref |= entities.get(t1).contains(e);
                out.add(new Pair(t1, t2, coref));
            }
        }
        return out;
    }
}
