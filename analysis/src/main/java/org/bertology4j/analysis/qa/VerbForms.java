package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.Word;

import java.util.Locale;

/**
 * The verb forms a question needs, from a word's lemma and its UD features (Tense, VerbForm, Number, Person, Mood)
 * with the Penn tag (XPOS) as a fallback: whether it is finite, the do-support auxiliary that carries its tense and
 * agreement, and its third person singular present (a wh-subject agrees in the singular: "Who founds ...?").
 */
final class VerbForms {
    private VerbForms() {}

    /** Whether the word is a finite verb or auxiliary (it carries tense and agreement). */
    static boolean finite(Word w) {
        String vf = w.feature("VerbForm");
        if (vf != null) return vf.equals("Fin");
        return switch (w.xpos()) {
            case "VBD", "VBZ", "VBP", "MD" -> true;
            default -> false;
        };
    }

    static boolean past(Word w) {
        String t = w.feature("Tense");
        return t != null ? t.equals("Past") : w.xpos().equals("VBD");
    }

    static boolean present(Word w) {
        String t = w.feature("Tense");
        return t != null ? t.equals("Pres") : w.xpos().equals("VBZ") || w.xpos().equals("VBP");
    }

    /** A present-tense form that does not agree with a third person singular subject ("are", "have", "buy"). */
    static boolean nonThirdSingularPresent(Word w) {
        if (!present(w)) return false;
        String number = w.feature("Number"), person = w.feature("Person");
        if (number != null || person != null) return "Plur".equals(number) || "1".equals(person) || "2".equals(person);
        return w.xpos().equals("VBP");
    }

    /** Whether the word is a modal auxiliary (no agreement to change). */
    static boolean modal(Word w) {
        return w.xpos().equals("MD") || (w.upos().equals("AUX") && w.feature("Number") == null
                && w.feature("Person") == null && w.feature("Tense") == null && "Fin".equals(w.feature("VerbForm")));
    }

    /**
     * The do-support auxiliary for a finite lexical verb without auxiliaries: "did" in the past, "does" or "do" in the
     * present by the verb's agreement; null when the tense cannot be read.
     */
    static String doSupport(Word verb) {
        if (past(verb)) return "did";
        if (present(verb)) return nonThirdSingularPresent(verb) ? "do" : "does";
        return null;
    }

    /** The base form for do-support ("bought" -> "buy"): the lemma. */
    static String base(Word verb) {
        return verb.lemma().toLowerCase(Locale.ROOT);
    }

    /**
     * The finite word's form agreeing with a third person singular subject (a wh-word), keeping its tense:
     * are/am -> is, were -> was, have -> has, do -> does, a lexical present -> its -s form; other forms unchanged.
     */
    static String thirdSingular(Word w) {
        String form = expanded(w);
        String lower = form.toLowerCase(Locale.ROOT);
        String lemma = w.lemma().toLowerCase(Locale.ROOT);
        if (lemma.equals("be")) {
            if (lower.equals("are") || lower.equals("am") || lower.equals("'re") || lower.equals("’re") || lower.equals("'m") || lower.equals("’m")) return "is";
            if (lower.equals("were")) return "was";
            return form;
        }
        if (!nonThirdSingularPresent(w) || modal(w)) return form;
        return sForm(lemma);
    }

    /**
     * An auxiliary written as a clitic ('s, 're, 'm, 've, 'll, 'd, with straight or typographic apostrophe) in full,
     * by its lemma and agreement ("it's" gives "is", "they've" "have", "he'd" "would" or "had"); other words as written.
     * A question separates the auxiliary from the word it leaned on, so it needs the full form.
     */
    static String expanded(Word w) {
        String form = w.form();
        if (!w.upos().equals("AUX") || form.length() < 2 || (form.charAt(0) != '\'' && form.charAt(0) != '’')) return form;
        String number = w.feature("Number"), person = w.feature("Person");
        boolean plural = "Plur".equals(number) || "2".equals(person);
        switch (w.lemma().toLowerCase(Locale.ROOT)) {
            case "be":
                if ("1".equals(person) && !"Plur".equals(number)) return "am";
                return plural ? "are" : "is";
            case "have":
                if (past(w)) return "had";
                return plural || "1".equals(person) ? "have" : "has";
            case "will":
                return "will";
            case "would":
                return "would";
            default:
                return form;
        }
    }

    /** The third person singular present of a lemma: has, does, goes, watches, carries, buys. */
    static String sForm(String lemma) {
        switch (lemma) {
            case "be": return "is";
            case "have": return "has";
            case "do": return "does";
            case "go": return "goes";
            default: break;
        }
        if (lemma.endsWith("s") || lemma.endsWith("x") || lemma.endsWith("z") || lemma.endsWith("ch")
                || lemma.endsWith("sh") || lemma.endsWith("o")) return lemma + "es";
        if (lemma.length() > 1 && lemma.endsWith("y") && "aeiou".indexOf(lemma.charAt(lemma.length() - 2)) < 0) {
            return lemma.substring(0, lemma.length() - 1) + "ies";
        }
        return lemma + "s";
    }
}
