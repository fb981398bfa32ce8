package org.bertology4j.analysis.kovaleva;

/**
 * The decision rule from {@link PatternFeatures} to a {@link PatternClass}, checked in this order:
 * <ol>
 *   <li>VERTICAL when vertical ≥ {@code strong} (0.5) and diagonal &lt; {@code weak} (0.2);</li>
 *   <li>DIAGONAL when diagonal ≥ {@code strong} and vertical &lt; {@code weak};</li>
 *   <li>VERTICAL_DIAGONAL when both ≥ {@code weak} and together ≥ {@code strong};</li>
 *   <li>BLOCK (pairs only) when content tokens keep ≥ {@code blockShare} (0.8) of their mass on content tokens of
 *       their own segment — uniform attention over a pair of equal halves gives about 0.5;</li>
 *   <li>HETEROGENEOUS otherwise.</li>
 * </ol>
 * (Vertical-only maps with some diagonal, vertical ≥ 0.5 and 0.2 ≤ diagonal, fall under rule 3.)
 */
public record PatternRule(double strong, double weak, double blockShare) {
    public PatternRule {
        if (!(weak > 0 && weak < strong && strong <= 1)) throw new IllegalArgumentException("need 0 < weak < strong <= 1");
    }

    /** The thresholds documented above. */
    public static PatternRule standard() { return new PatternRule(0.5, 0.2, 0.8); }

    public PatternClass classify(PatternFeatures f) {
        double v = f.vertical(), d = f.diagonal();
        if (v >= strong && d < weak) return PatternClass.VERTICAL;
        if (d >= strong && v < weak) return PatternClass.DIAGONAL;
        if (v >= weak && d >= weak && v + d >= strong) return PatternClass.VERTICAL_DIAGONAL;
        if (!Double.isNaN(f.block()) && f.block() >= blockShare) return PatternClass.BLOCK;
        return PatternClass.HETEROGENEOUS;
    }
}
