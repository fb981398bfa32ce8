package org.bertology4j.analysis.conllu;

/**
 * One syntactic word of a CoNLL-U sentence (multiword-token ranges and empty nodes are not words).
 *
 * @param id     1-based word id
 * @param form   FORM
 * @param lemma  LEMMA
 * @param upos   UPOS
 * @param xpos   XPOS
 * @param feats  FEATS as written ("_" when empty)
 * @param head   1-based id of the syntactic head, 0 for the root
 * @param deprel DEPREL (full label, e.g. {@code nmod:poss})
 * @param deps   DEPS as written
 * @param misc   MISC as written
 */
public record Word(int id, String form, String lemma, String upos, String xpos, String feats,
                   int head, String deprel, String deps, String misc) {

    /** The relation label before the first ':' ({@code nmod:poss} -> {@code nmod}). */
    public String baseDeprel() {
        int c = deprel.indexOf(':');
        return c < 0 ? deprel : deprel.substring(0, c);
    }

    /** Value of a FEATS feature (e.g. "Number"), or null when absent. */
    public String feature(String name) { return attribute(feats, name); }

    /** Value of a MISC attribute (e.g. "SpaceAfter"), or null when absent. */
    public String miscValue(String name) { return attribute(misc, name); }

    /** The value of {@code name} in a {@code Name=Value|Name=Value} column ({@code _} when empty), or null. */
    private static String attribute(String column, String name) {
        if (column.equals("_")) return null;
        for (String kv : column.split("\\|")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) return kv.substring(eq + 1);
        }
        return null;
    }
}
