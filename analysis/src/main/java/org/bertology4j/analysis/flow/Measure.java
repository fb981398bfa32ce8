package org.bertology4j.analysis.flow;

/** The three word-level information-flow measures of the study (methods.md, "Information flow"). */
public enum Measure {
    /** A_n: attention, mean over heads. */
    ATTENTION("A"),
    /** G_n: gradient norm of layer n's output w.r.t. layer n-1's output. */
    GRADIENT("G"),
    /** G*_n: gradient norm of layer n's output w.r.t. the embedding output h_0. */
    GRADIENT_FROM_EMBEDDINGS("G*");

    private final String symbol;

    Measure(String symbol) { this.symbol = symbol; }

    /** Short name used in reports and plots ("A", "G", "G*"). */
    public String symbol() { return symbol; }
}
