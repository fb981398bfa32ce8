package org.bertology4j.analysis.cluster;

import org.bertology4j.analysis.surface.SurfaceAccumulator;

/**
 * Behaviour labels used to colour the head map (Clark et al. Fig. 6). A head is labelled by the first of
 * next, previous, [CLS], [SEP], punctuation whose mean attention share is at least {@code shareThreshold}
 * (the largest share wins if several pass); otherwise "broad" when its mean row entropy is at least
 * {@code entropyThreshold} nats; otherwise "other".
 */
public final class HeadBehaviour {
    /** Labels in priority order for equal shares. */
    public static final String[] LABELS = {"next", "previous", "cls", "sep", "punctuation", "broad", "other"};

    private HeadBehaviour() {}

    /** Label of a head from its surface statistics. */
    public static String label(SurfaceAccumulator s, int layer, int head, double shareThreshold, double entropyThreshold) {
        double[] share = {
                s.mean(layer, head, SurfaceAccumulator.stat("next")),
                s.mean(layer, head, SurfaceAccumulator.stat("previous")),
                s.mean(layer, head, SurfaceAccumulator.stat("cls")),
                s.mean(layer, head, SurfaceAccumulator.stat("sep")),
                s.mean(layer, head, SurfaceAccumulator.stat("period")) + s.mean(layer, head, SurfaceAccumulator.stat("comma"))};
        int best = -1;
        for (int k = 0; k < share.length; k++) if (share[k] >= shareThreshold && (best < 0 || share[k] > share[best])) best = k;
        if (best >= 0) return LABELS[best];
        return s.mean(layer, head, SurfaceAccumulator.stat("entropy")) >= entropyThreshold ? "broad" : "other";
    }

    /** Labels of all heads, index {@code layer*heads + head}, with defaults 0.5 share and 3.0 nats. */
    public static String[] labels(SurfaceAccumulator s) {
        String[] out = new String[s.layers() * s.heads()];
        for (int l = 0; l < s.layers(); l++)
            for (int h = 0; h < s.heads(); h++) out[l * s.heads() + h] = label(s, l, h, 0.5, 3.0);
        return out;
    }
}
