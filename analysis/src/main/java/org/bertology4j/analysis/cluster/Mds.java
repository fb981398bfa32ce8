package org.bertology4j.analysis.cluster;

/** The multidimensional scaling of the head map (Clark et al. Fig. 6): metric SMACOF or Kruskal's non-metric MDS. */
public enum Mds {
    /** Metric SMACOF: the distances themselves are fitted (the authors' released notebook; the default). */
    METRIC("metric"),
    /** Kruskal's non-metric MDS: only their rank order is fitted (the method the paper cites, Sect. 6). */
    NON_METRIC("non-metric");

    private final String label;

    Mds(String label) { this.label = label; }

    /** The option value ({@code metric}, {@code non-metric}). */
    public String label() { return label; }

    /** The variant of an option value; the message lists the accepted ones. */
    public static Mds of(String label) {
        for (Mds m : values()) if (m.label.equals(label)) return m;
        throw new IllegalArgumentException("unknown MDS '" + label + "' (expected metric or non-metric)");
    }

    /** The 2-D map of {@code d} from random start {@code seed} (at most 1000 iterations, relative tolerance 1e-7). */
    public Smacof.Result embed(double[][] d, long seed) {
        return this == METRIC ? Smacof.embed(d, 2, seed, 1000, 1e-7) : Smacof.embedNonMetric(d, 2, seed, 1000, 1e-7);
    }

    /** What the result's stress is: the raw stress of the distances, or Kruskal's stress-1 against the disparities. */
    public String stressName() { return this == METRIC ? "raw stress" : "Kruskal stress-1"; }
}
