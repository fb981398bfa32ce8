package org.bertology4j.analysis.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's per-layer claims, read off the per-layer results (section 4): where the coreference curves peak
 * ("peaks for coreference in layers 6 and 10"; for attention "main peaks at layers 4 and 8") and in which layer the
 * open-class advantage is greatest ("This effect is greatest in the first attention layer (layer 0)"). Layers are
 * 0-based, as in the study.
 *
 * @param coref per measure symbol: peaks of the coreferent pairs' mean and of the difference coreferent − other
 * @param pos   per measure symbol: the layers where open-class words lead most (null when there is no
 *              part-of-speech part, as in the pair study)
 */
public record FlowFindings(Map<String, CorefPeaks> coref, Map<String, OpenClassLayers> pos) {

    /**
     * @param coreferent peaks of the mean flow from noun into coreferent pronoun, highest first
     * @param difference peaks of (coreferent mean − other mean), highest first
     * @param largestT   layer of the largest Welch t (coreferent − other)
     */
    public record CorefPeaks(List<LayerPeaks.Peak> coreferent, List<LayerPeaks.Peak> difference, int largestT) {}

    /**
     * @param largestDifference layer of the largest open − closed difference of mean importance
     * @param largestRatio      layer of the largest open / closed ratio of mean importance
     * @param largestT          layer of the largest Welch t (open − closed)
     * @param closedAhead       layers where closed-class words have the larger mean importance
     */
    public record OpenClassLayers(int largestDifference, int largestRatio, int largestT, List<Integer> closedAhead) {}

    /** The findings of a coreference comparison (all pairs) and, when given, of the open/closed comparison. */
    public static FlowFindings of(Map<String, Comparison> coref, Map<String, Comparison> openVsClosed) {
        Map<String, CorefPeaks> c = new LinkedHashMap<>();
        coref.forEach((m, cmp) -> c.put(m, new CorefPeaks(LayerPeaks.of(column(cmp, 1)), LayerPeaks.of(column(cmp, 0)),
                LayerPeaks.argMax(column(cmp, 3)))));
        Map<String, OpenClassLayers> p = null;
        if (openVsClosed != null) {
            p = new LinkedHashMap<>();
            for (Map.Entry<String, Comparison> e : openVsClosed.entrySet()) {
                List<WelchResult> layers = e.getValue().perLayer();
                List<Integer> closedAhead = new ArrayList<>();
                for (int n = 0; n < layers.size(); n++) if (layers.get(n).mean2() > layers.get(n).mean1()) closedAhead.add(n);
                p.put(e.getKey(), new OpenClassLayers(LayerPeaks.argMax(column(e.getValue(), 0)),
                        LayerPeaks.argMax(column(e.getValue(), 2)), LayerPeaks.argMax(column(e.getValue(), 3)), closedAhead));
            }
        }
        return new FlowFindings(c, p);
    }

    // per layer: 0 = mean1 − mean2, 1 = mean1, 2 = mean1 / mean2, 3 = t
    private static double[] column(Comparison c, int what) {
        return c.perLayer().stream().mapToDouble(w -> switch (what) {
            case 0 -> w.mean1() - w.mean2();
            case 1 -> w.mean1();
            case 2 -> w.mean1() / w.mean2();
            default -> w.t();
        }).toArray();
    }
}
