package org.bertology4j.analysis.attention;

/** 1-based {@code L-H} labels of heads ({@code 8-10} = layer 8, head 10), as in Clark et al. */
public final class HeadLabels {
    private HeadLabels() {}

    /** Label of 0-based (layer, head). */
    public static String label(int layer, int head) { return (layer + 1) + "-" + (head + 1); }

    /** 0-based {layer, head} of a label. */
    public static int[] parse(String label) {
        int d = label.indexOf('-');
        if (d < 1) throw new IllegalArgumentException("bad head label '" + label + "' (expected L-H)");
        try {
            return new int[]{Integer.parseInt(label.substring(0, d)) - 1, Integer.parseInt(label.substring(d + 1)) - 1};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad head label '" + label + "' (expected L-H)");
        }
    }
}
