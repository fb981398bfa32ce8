package org.bertology4j.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Tensors held in memory (tests, random models, conversions). Insertion order is kept. */
public final class MapTensorSource implements TensorSource {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final String description;

    public MapTensorSource(String description) { this.description = description; }

    /** Adds or replaces a tensor under its own name. */
    public MapTensorSource put(Tensor t) {
        tensors.put(t.name(), t);
        return this;
    }

    @Override public Set<String> names() { return Collections.unmodifiableSet(tensors.keySet()); }

    @Override
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new WeightsException("tensor '" + name + "' is missing from " + description);
        return t;
    }

    @Override public String description() { return description; }
}
