package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.Word;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The question's words in order, and its text. A subject question keeps the clause's order with the question word in
 * the subject's place, the finite verb agreeing with it in the singular ("Who founds ...?"); any other question puts
 * the first auxiliary or the copula before the subject ("When was the bridge built?"), or adds do-support carrying the
 * verb's tense and agreement ("What did the company buy?"); a negation written against its auxiliary goes with it
 * ("What didn't he buy?"). Dependents fronted before the subject leave their place: time and place obliques of at most
 * {@value #MAX_MOVED_WORDS} words move to the end ("Where was Byron sent to in 1801?"), the others (linking adverbs,
 * "according to ...") are left out. Words keep their spacing from the text where they stay neighbours.
 */
final class QuestionText {
    /** Fronted time and place obliques move to the end when they have at most this many words. */
    static final int MAX_MOVED_WORDS = 6;
    /** The longest subject an inverted question takes ("Who were the two institutes later joined by?"), in words. */
    static final int MAX_INVERTED_SUBJECT_WORDS = 8;
    private static final String OPENERS = "([{“", CLOSERS = ")]}”";
    /** Punctuation written against the word before it (when that word is not its neighbour in the text). */
    private static final Set<String> CLOSING_PUNCT = Set.of(",", ";", ":", ".", "!", "?", ")", "]", "}", "”", "’", "...", "…");
    /** Dependents a question cannot leave out. */
    private static final Set<String> COMPLEMENTS = Set.of("ccomp", "xcomp", "obj", "iobj");
    /** Parts of speech capitalised only at a start (pronouns; not determiners and prepositions, which titles capitalise). */
    private static final Set<String> FUNCTION_WORDS = Set.of("PRON");
    /** Closing brackets and quotes, kept at the end of a question. */
    private static final Set<String> CLOSING_QUOTES = Set.of(")", "]", "}", "”", "’");
    /** Punctuation written against the word after it. */
    private static final Set<String> OPENING_PUNCT = Set.of("(", "[", "{", "“", "‘");

    private final SentenceView s;
    private final Clause clause;
    private final Argument argument;
    private final QuestionRule rule;
    private final Map<Integer, String> override;
    private final List<Integer> body;

    QuestionText(QuestionRule rule, Clause clause, Argument argument, Map<Integer, String> names, List<Integer> body) {
        this.s = clause.s;
        this.rule = rule;
        this.clause = clause;
        this.argument = argument;
        this.override = new HashMap<>(names);
        this.body = body;
    }

    /** The question, ending in a question mark. */
    String render() {
        boolean subjectQuestion = !clause.inherited && Arrays.binarySearch(argument.removal, clause.subject) >= 0;
        return render(subjectQuestion ? subjectOrder() : invertedOrder());
    }

    private List<Piece> subjectOrder() {
        int finite = clause.auxes.isEmpty() ? clause.p : clause.auxes.get(0);
        // "Quartiles are numbers that ...": a plural predicate noun keeps the plural ("What are numbers that ...?")
        boolean pluralPredicate = !clause.verbal() && "Plur".equals(s.word(clause.p).feature("Number"));
        if (rule == QuestionRule.SUBJECT && !pluralPredicate) {
            String agreed = VerbForms.thirdSingular(s.word(finite));
            if (!agreed.equals(s.word(finite).form())) override.put(finite, agreed);
        }
        List<int[]> front = fronted(argument.removal[0]);
        BitSet moved = words(front);
        List<Piece> rest = new ArrayList<>();
        for (int w : body) if (!moved.get(w)) rest.add(original(w));
        List<Piece> out = new ArrayList<>(whPhrase());
        out.addAll(trimPunct(rest));
        out.addAll(movedPieces(front));
        return out;
    }

    private List<Piece> invertedOrder() {
        int p = clause.p;
        int[] subject = s.subtree(clause.subject);
        Piece finite;
        int finiteWord = -1, neg = -1;
        if (!clause.auxes.isEmpty() || ArgumentTypes.lemma(s.word(p)).equals("be")) {
            finiteWord = clause.auxes.isEmpty() ? p : clause.auxes.get(0);
            finite = original(finiteWord);
            int next = finiteWord + 1;
            if (next < s.size() && s.head(next) == p && Clause.isNegation(s.word(next)) && s.joinedToNext(finiteWord)) neg = next;
        } else {
            for (int c : s.children(p)) if (Clause.isNegation(s.word(c))) throw new Skip(Skip.NEGATION_WITHOUT_AUX);
            String support = VerbForms.doSupport(s.word(p));
            if (support == null) throw new Skip(Skip.NON_FINITE);
            finite = Piece.inserted(support);
            override.put(p, VerbForms.base(s.word(p)));
        }
        List<int[]> front = fronted(clause.inherited ? p : subject[0]);
        BitSet moved = words(front);
        List<Piece> out = new ArrayList<>(whPhrase());
        out.add(finite);
        if (neg >= 0) out.add(original(neg));
        List<Piece> subjectPieces = new ArrayList<>();
        for (int w : subject) subjectPieces.add(original(w));
        if (wordCount(subjectPieces) > MAX_INVERTED_SUBJECT_WORDS) throw new Skip(Skip.LONG_SUBJECT);
        List<Piece> rest = new ArrayList<>(subjectPieces);
        for (int w : body) {
            if (w == finiteWord || w == neg || moved.get(w) || Arrays.binarySearch(subject, w) >= 0) continue;
            rest.add(original(w));
        }
        out.addAll(trimPunct(rest));
        if (argument.stranded != null) out.add(Piece.inserted(argument.stranded));
        out.addAll(movedPieces(front));
        return out;
    }

    private List<Piece> whPhrase() {
        List<Piece> phrase = argument.whPhrase != null ? new ArrayList<>(argument.whPhrase)
                : new ArrayList<>(List.of(Piece.inserted(argument.wh.text())));
        Piece first = phrase.get(0);
        phrase.set(0, new Piece(first.word(), first.text().substring(0, 1).toUpperCase(Locale.ROOT) + first.text().substring(1)));
        return phrase;
    }

    /** Dependents of the predicate standing wholly before {@code pivot} (fronted). */
    private List<int[]> fronted(int pivot) {
        List<int[]> out = new ArrayList<>();
        for (int c : s.children(clause.p)) {
            String rel = s.word(c).deprel();
            if (c == clause.subject || rel.equals("aux") || rel.equals("aux:pass") || rel.equals("cop")) continue;
            if (!body.contains(c)) continue;
            int[] sub = s.subtree(c);
            if (sub[sub.length - 1] >= pivot) continue;
            if (clause.inherited && sub.length == 1 && !rel.startsWith("obl")) continue; // "and often entered": stays
            out.add(sub);
        }
        return out;
    }

    private static int wordCount(List<Piece> pieces) {
        int n = 0;
        for (Piece piece : pieces) n += piece.text().split("\\s+").length;
        return n;
    }

    private static BitSet words(List<int[]> front) {
        BitSet moved = new BitSet();
        for (int[] sub : front) for (int w : sub) moved.set(w);
        return moved;
    }

    // fronted time and place obliques at the end when short; everything else fronted is left out, but a fronted
    // complement ("'There they are,' said Pavit") cannot be: the question would lose what was said
    private List<Piece> movedPieces(List<int[]> front) {
        List<Piece> out = new ArrayList<>();
        for (int[] sub : front) {
            int[] words = Argument.trim(s, sub);
            if (words.length == 0) continue;
            int head = top(words);
            String rel = s.word(head).deprel();
            if (COMPLEMENTS.contains(rel)) throw new Skip(Skip.FRONTED_COMPLEMENT);
            if (words.length > MAX_MOVED_WORDS) continue;
            boolean oblique = rel.equals("obl") || rel.startsWith("obl:");
            if (!oblique || !(ArgumentTypes.temporal(s, head) || ArgumentTypes.locative(s, head, null))) continue;
            for (int w : words) out.add(original(w));
        }
        return out;
    }

    private int top(int[] words) {
        for (int w : words) if (Arrays.binarySearch(words, s.head(w)) < 0) return w;
        return words[0];
    }

    private Piece original(int w) {
        String text = override.get(w);
        if (text == null) text = lowercaseIfSentenceStart(s, w, VerbForms.expanded(s.word(w)));
        return new Piece(w, text);
    }

    private String render(List<Piece> pieces) {
        StringBuilder sb = new StringBuilder();
        Piece prev = null;
        for (Piece piece : pieces) {
            boolean joined = prev != null && prev.word() >= 0 && piece.word() == prev.word() + 1 && s.joinedToNext(prev.word())
                    || piece.word() >= 0 && s.isPunct(piece.word()) && CLOSING_PUNCT.contains(piece.text())
                    || prev != null && prev.word() >= 0 && s.isPunct(prev.word()) && OPENING_PUNCT.contains(prev.text());
            if (prev != null && !joined) sb.append(' ');
            sb.append(piece.text());
            prev = piece;
        }
        return sb.append('?').toString();
    }

    // no separator (comma, dash, colon) at the ends or where it lost a neighbour: "that law, of course, has been
    // settled" without "of course" gives "that law has been settled"; quotes and brackets stay (and must pair up)
    private List<Piece> trimPunct(List<Piece> pieces) {
        int a = 0, b = pieces.size();
        while (a < b && punct(pieces.get(a)) && !OPENING_PUNCT.contains(pieces.get(a).text()) && !quote(pieces.get(a))) a++;
        while (b > a && punct(pieces.get(b - 1)) && !CLOSING_QUOTES.contains(pieces.get(b - 1).text()) && !quote(pieces.get(b - 1))) b--;
        List<Piece> out = new ArrayList<>();
        for (int i = a; i < b; i++) {
            Piece piece = pieces.get(i);
            boolean separator = punct(piece) && !OPENING_PUNCT.contains(piece.text())
                    && !CLOSING_QUOTES.contains(piece.text()) && !quote(piece);
            boolean orphan = i == a || i == b - 1 || pieces.get(i - 1).word() != piece.word() - 1
                    || pieces.get(i + 1).word() != piece.word() + 1;
            if (separator && orphan) continue;
            out.add(piece);
        }
        return out;
    }

    private static boolean quote(Piece piece) {
        return piece.text().equals("\"") || piece.text().equals("'");
    }

    private boolean punct(Piece piece) {
        return piece.word() >= 0 && s.isPunct(piece.word()) && !override.containsKey(piece.word());
    }

    /**
     * {@code text} (the word's own form or a mention starting with it) without the capital that only marks a start:
     * the sentence's first word unless it is a proper noun, and a pronoun anywhere ("His voice" after a quote opens);
     * "I" and acronyms keep theirs.
     */
    static String lowercaseIfSentenceStart(SentenceView s, int word, String text) {
        if (text.isEmpty()) return text;
        Word w = s.word(word);
        String form = w.form();
        if (w.upos().equals("PROPN") || form.equals("I") || !Character.isUpperCase(form.charAt(0))) return text;
        if (form.length() > 1 && Character.isUpperCase(form.charAt(1))) return text; // an acronym
        if (word != s.firstContentWord() && !FUNCTION_WORDS.contains(w.upos())) return text;
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    /**
     * Whether brackets and typographic double quotes pair up and straight double quotes come in pairs (single quotes
     * are not counted: they double as apostrophes).
     */
    static boolean balanced(String text) {
        StringBuilder stack = new StringBuilder();
        int straight = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') straight++;
            if (OPENERS.indexOf(c) >= 0) stack.append(c);
            int close = CLOSERS.indexOf(c);
            if (close >= 0) {
                if (stack.length() == 0 || OPENERS.indexOf(stack.charAt(stack.length() - 1)) != close) return false;
                stack.setLength(stack.length() - 1);
            }
        }
        return stack.length() == 0 && straight % 2 == 0;
    }
}
