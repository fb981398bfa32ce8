package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.Word;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clause a question is made from: the predicate governing the argument (climbing open complements, so an object
 * of "to buy" in "He wants to buy X" belongs to "wants"), its subject (its own, or the first conjunct's for a
 * coordinated verb: "Byron ... and in 1799 entered the school"), its auxiliaries and copula, and the dependents that a
 * question leaves out. Construction checks that the clause can be asked about at all and throws {@link Skip}
 * otherwise: a main, complement, adverbial or paratactic clause (not a relative or reduced one), verbal or copular,
 * declarative and finite, with a nominal subject that is not an expletive.
 */
final class Clause {
    /** Relations of a clause (after climbing coordination) that can be asked about on their own. */
    private static final Set<String> PLACES = Set.of("root", "ccomp", "advcl", "parataxis");
    /** Dependents of a predicate left out of the question (with their subtrees). */
    private static final Set<String> DROPPED = Set.of("punct", "cc", "cc:preconj", "mark", "conj", "parataxis",
            "discourse", "vocative", "reparandum", "dislocated", "advcl", "advcl:relcl", "dep", "list", "orphan",
            "goeswith", "appos");
    /** Dependents left out wherever they stand in the clause (disfluencies, fillers, addressees). */
    private static final Set<String> SPOKEN = Set.of("discourse", "reparandum", "vocative");
    private static final Set<String> CONDITIONAL_MARKS = Set.of("if", "whether", "unless", "lest");
    /** Connectives left out wherever they stand. */
    private static final Set<String> CONNECTIVES = Set.of("however", "therefore", "thus", "hence", "moreover",
            "furthermore", "nevertheless", "nonetheless", "consequently", "accordingly", "meanwhile", "additionally");
    /** Open complements climbed at most this many times. */
    private static final int MAX_CLIMB = 2;

    final SentenceView s;
    /** The predicate whose subject and auxiliaries make the question. */
    final int p;
    /** Open complements ({@code xcomp}) between the argument and {@link #p}, innermost first. */
    final List<Integer> inner = new ArrayList<>();
    final List<Integer> auxes = new ArrayList<>();
    final BitSet dropped = new BitSet();
    /** The subject's head word. */
    final int subject;
    /** Whether the subject is the first conjunct's (it stands outside this predicate's subtree). */
    final boolean inherited;

    Clause(SentenceView s, int argument) {
        this.s = s;
        int head = s.head(argument);
        String argRel = s.word(argument).deprel();
        while (head >= 0 && s.word(head).deprel().equals("xcomp") && ownSubject(head) < 0 && inner.size() < MAX_CLIMB) {
            inner.add(head);
            head = s.head(head);
        }
        if (head < 0) throw new Skip(Skip.EMBEDDED + "xcomp");
        this.p = head;
        Word pw = s.word(p);
        int top = p;
        while (s.word(top).deprel().equals("conj") && s.head(top) >= 0) top = s.head(top);
        Word tw = s.word(top);
        if (!PLACES.contains(tw.baseDeprel()) || tw.deprel().equals("advcl:relcl")) throw new Skip(Skip.EMBEDDED + tw.baseDeprel());
        boolean verbal = pw.upos().equals("VERB");
        if (!verbal && s.child(p, "cop") < 0) throw new Skip(Skip.NON_VERBAL);
        String predicateType = pw.feature("PronType");
        if ("Int".equals(predicateType) || "Rel".equals(predicateType)) throw new Skip(Skip.INTERROGATIVE); // "this is what ..."
        if ("Imp".equals(pw.feature("Mood"))) throw new Skip(Skip.IMPERATIVE);
        int own = (argRel.equals("nsubj") || argRel.equals("nsubj:pass")) && inner.isEmpty() ? argument : -1;
        for (int c : s.children(p)) {
            Word cw = s.word(c);
            String rel = cw.deprel();
            if (rel.equals("mark") && CONDITIONAL_MARKS.contains(ArgumentTypes.lemma(cw))) throw new Skip(Skip.CONDITIONAL);
            if (rel.startsWith("expl")) throw new Skip(Skip.EXPLETIVE);
            if (rel.startsWith("csubj") || rel.equals("nsubj:outer")) throw new Skip(Skip.CLAUSAL_SUBJECT);
            if (rel.equals("aux") || rel.equals("aux:pass") || rel.equals("cop")) auxes.add(c);
            if (own < 0 && (rel.equals("nsubj") || rel.equals("nsubj:pass"))) own = c;
        }
        for (int q : predicates()) {
            for (int c : s.children(q)) {
                Word cw = s.word(c);
                String pronType = cw.feature("PronType");
                if ("Int".equals(pronType) || "Rel".equals(pronType) || cw.deprel().equals("punct") && cw.form().equals("?")) {
                    throw new Skip(Skip.INTERROGATIVE);
                }
                // a quoted command or question as the complement ("she goes, no just spend the night")
                if ((cw.deprel().equals("ccomp") || cw.deprel().equals("xcomp")) && "Imp".equals(cw.feature("Mood"))) {
                    throw new Skip(Skip.IMPERATIVE);
                }
            }
        }
        boolean inheritedSubject = false;
        if (own < 0 && pw.deprel().equals("conj")) {
            int h = s.head(p);
            int first = ownSubject(h);
            if (first >= 0 && first < p) {
                own = first;
                inheritedSubject = true;
            }
        }
        if (own < 0) throw new Skip(Skip.NO_SUBJECT);
        String subjectStart = s.word(s.subtree(own)[0]).feature("PronType");
        if ("Int".equals(subjectStart) || "Rel".equals(subjectStart)) throw new Skip(Skip.INTERROGATIVE); // "what information"
        this.subject = own;
        this.inherited = inheritedSubject;
        if (!auxes.isEmpty() ? !VerbForms.finite(s.word(auxes.get(0))) : !verbal || !VerbForms.finite(pw)) {
            throw new Skip(Skip.NON_FINITE);
        }
        if (!inherited && !auxes.isEmpty() && auxes.get(0) < s.subtree(subject)[0]) throw new Skip(Skip.INVERTED);
        if (subject != argument) {
            String person = s.word(subject).feature("Person");
            if (s.word(subject).upos().equals("PRON") && ("1".equals(person) || "2".equals(person))) {
                throw new Skip(Skip.FIRST_SECOND_PERSON);
            }
        }
        for (int q : predicates()) {
            for (int c : s.children(q)) {
                Word cw = s.word(c);
                String rel = cw.deprel();
                if (q != p && (rel.equals("mark") || inner.contains(c))) continue; // "to" of "wants to buy" stays
                boolean connective = rel.equals("advmod") && CONNECTIVES.contains(ArgumentTypes.lemma(cw))
                        || !rel.equals("obj") && !rel.startsWith("nsubj") && s.child(c, "fixed") >= 0; // "of course"
                if (DROPPED.contains(rel) || connective) for (int w : s.subtree(c)) dropped.set(w);
            }
        }
        for (int w : s.subtree(p)) {
            if (SPOKEN.contains(s.word(w).deprel())) for (int x : s.subtree(w)) dropped.set(x);
        }
        for (int[] part : asides(s, subject)) for (int w : part) dropped.set(w);
        dropped.or(citations(s, p));
        if (inherited) dropped.or(citations(s, subject));
    }

    /**
     * The words of bracketed references in the subtree of {@code root}: "[21]", "[2, 3]", "[12]–[15]" (brackets holding
     * only numbers and punctuation). They are not part of any question or answer.
     */
    static BitSet citations(SentenceView s, int root) {
        BitSet in = new BitSet();
        for (int w : s.subtree(root)) in.set(w);
        BitSet out = new BitSet();
        for (int open = 0; open < s.size(); open++) {
            if (!s.word(open).form().equals("[")) continue;
            int close = open + 1;
            while (close < s.size() && (s.word(close).upos().equals("NUM") || s.isPunct(close) && !s.word(close).form().equals("]")
                    || s.word(close).upos().equals("SYM"))) close++;
            if (close == s.size() || !s.word(close).form().equals("]") || close == open + 1) continue;
            for (int w = open; w <= close; w++) if (in.get(w)) out.set(w);
        }
        return out;
    }

    /**
     * The parts of a noun phrase that are asides rather than the phrase: a clause fronted before its head ("Born in
     * England, Norton"), an appositive after it ("Thomas Sam, a practising homeopath"), with their commas.
     */
    static List<int[]> asides(SentenceView s, int head) {
        List<int[]> out = new ArrayList<>();
        boolean fronted = false, appositive = false;
        for (int c : s.children(head)) {
            String rel = s.word(c).baseDeprel();
            if (c < head && (rel.equals("acl") || rel.equals("advcl"))) {
                out.add(s.subtree(c));
                fronted = true;
            }
            if (c > head && rel.equals("appos")) {
                out.add(s.subtree(c));
                appositive = true;
            }
        }
        for (int c : s.children(head)) {
            if (s.word(c).baseDeprel().equals("punct") && (c < head ? fronted : appositive)) out.add(new int[]{c});
        }
        return out;
    }

    private int ownSubject(int predicate) {
        for (int c : s.children(predicate)) {
            String rel = s.word(c).deprel();
            if (rel.equals("nsubj") || rel.equals("nsubj:pass")) return c;
        }
        return -1;
    }

    /** The predicate and the open complements climbed. */
    List<Integer> predicates() {
        List<Integer> out = new ArrayList<>(inner);
        out.add(0, p);
        return out;
    }

    boolean verbal() { return s.word(p).upos().equals("VERB"); }

    /** The words that stay in the question, in sentence order: the clause without what is dropped or removed. */
    List<Integer> body(int[] removal) {
        BitSet in = new BitSet();
        for (int w : s.subtree(p)) in.set(w);
        if (inherited) for (int w : s.subtree(subject)) in.set(w);
        in.andNot(dropped);
        for (int w : removal) in.clear(w);
        List<Integer> out = new ArrayList<>();
        for (int w = in.nextSetBit(0); w >= 0; w = in.nextSetBit(w + 1)) out.add(w);
        return out;
    }

    /**
     * Names for the third-person pronouns among the question's arguments (subject, objects, obliques of the
     * predicates): word -> the mention that replaces it.
     *
     * @throws Skip when one of them has no fuller mention
     */
    Map<Integer, String> pronounNames(PronounResolver resolver, int sentence, List<Integer> body) {
        List<Integer> arguments = new ArrayList<>(List.of(subject));
        for (int q : predicates()) {
            for (int c : s.children(q)) {
                String rel = s.word(c).deprel();
                if (rel.equals("obj") || rel.equals("iobj") || rel.equals("obl") || rel.startsWith("obl:")) arguments.add(c);
            }
        }
        Map<Integer, String> names = new HashMap<>();
        for (int w : arguments) {
            if (!body.contains(w) || !PronounResolver.needsResolution(s.word(w))) continue;
            String text = resolver.resolve(sentence, w);
            if (text == null) throw new Skip(Skip.UNRESOLVED_PRONOUN);
            names.put(w, text);
        }
        return names;
    }

    /** Skips a question that would keep a first or second person pronoun ("Who told me ...?"). */
    void checkPersons(List<Integer> body) {
        for (int w : body) {
            Word word = s.word(w);
            String person = word.feature("Person");
            if (word.upos().equals("PRON") && ("1".equals(person) || "2".equals(person))) {
                throw new Skip(Skip.FIRST_SECOND_PERSON_WORD);
            }
        }
    }

    /**
     * Whether a copular predicate has something to ask with: a nominal one a preposition ("in trouble") or a
     * complement of its own ("the name of the largest town"), an adjective a complement after it ("smoother than the
     * land"); never a name, nor when the subject is indefinite. "A major reason is technology" would give "What is
     * technology?", "The nostalgia is gone" "What is gone?": questions that read as asking for something else.
     */
    boolean askable(List<Integer> body) {
        if (s.word(p).upos().equals("PROPN")) return false; // "X is Dynamic Equivalence": "What is Dynamic Equivalence?"
        if (indefinite(subject)) return false; // "Another factor has been the decreasing consumption of salt"
        boolean nominal = !s.word(p).upos().equals("ADJ");
        for (int c : s.children(p)) {
            if (!body.contains(c)) continue;
            String rel = s.word(c).deprel();
            if (nominal && (rel.equals("case") || rel.startsWith("nmod") && !rel.equals("nmod:poss") || rel.startsWith("acl"))) return true;
            boolean complement = rel.startsWith("obl") || rel.startsWith("nmod") || rel.equals("xcomp") || rel.equals("ccomp");
            if (!nominal && complement && c > p) return true;
        }
        return false;
    }

    // a subject introduced as new ("a", "another", "one", "some"): the copular clause specifies it
    private boolean indefinite(int head) {
        for (int c : s.children(head)) {
            Word w = s.word(c);
            if (!w.baseDeprel().equals("det")) continue;
            if ("Ind".equals(w.feature("Definite")) || Set.of("another", "one", "some").contains(ArgumentTypes.lemma(w))) return true;
        }
        return false;
    }

    static boolean isNegation(Word w) {
        return "Neg".equals(w.feature("Polarity")) || ArgumentTypes.lemma(w).equals("not");
    }
}
