package org.bertology4j.cli;

import org.bertology4j.analysis.attribution.AttentionAttribution;
import org.bertology4j.analysis.attribution.TargetAttribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Attribution method names as {@code attribute --method} and {@code view --methods} take them, split into the
 * attention-based maps (rollout, flow, value-norm) and the methods that explain a target (ig, grad-input, attn-grad,
 * deeplift); each name once, in the order given.
 */
record AttributionMethods(List<AttentionAttribution.Method> maps, List<TargetAttribution.Method> byTarget) {

    /** Every valid name, comma-separated, for messages and help. */
    static String names() {
        return Stream.concat(Arrays.stream(AttentionAttribution.Method.values()).map(AttentionAttribution.Method::fileName),
                Arrays.stream(TargetAttribution.Method.values()).map(TargetAttribution.Method::fileName)).collect(Collectors.joining(", "));
    }

    /** Parses {@code names}; an unknown one fails naming {@code option}, the name and the valid ones. */
    static AttributionMethods parse(String option, List<String> names) {
        List<AttentionAttribution.Method> maps = new ArrayList<>();
        List<TargetAttribution.Method> byTarget = new ArrayList<>();
        for (String name : names) {
            AttentionAttribution.Method map = Arrays.stream(AttentionAttribution.Method.values())
                    .filter(m -> m.fileName().equals(name)).findFirst().orElse(null);
            TargetAttribution.Method target = Arrays.stream(TargetAttribution.Method.values())
                    .filter(m -> m.fileName().equals(name)).findFirst().orElse(null);
            if (map != null && !maps.contains(map)) maps.add(map);
            else if (target != null && !byTarget.contains(target)) byTarget.add(target);
            else if (map == null && target == null) {
                throw new IllegalArgumentException(option + ": unknown method '" + name + "' (" + names() + ")");
            }
        }
        return new AttributionMethods(List.copyOf(maps), List.copyOf(byTarget));
    }
}
