package org.bertology4j.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A view of another source under canonical Hugging Face names ({@link HfBertNames#canonical}), so a
 * {@code BertModel} checkpoint without the {@code bert.} prefix reads like a {@code BertForMaskedLM} one.
 * Tensors are renamed, not copied.
 */
public final class CanonicalNameSource implements TensorSource {
    private final TensorSource inner;
    private final Map<String, String> canonicalToStored = new LinkedHashMap<>();

    public CanonicalNameSource(TensorSource inner) {
        this.inner = inner;
        for (String stored : inner.names()) {
            String c = HfBertNames.canonical(stored);
            String prev = canonicalToStored.putIfAbsent(c, stored);
            if (prev != null) {
                throw new WeightsException(inner.description() + ": tensors '" + prev + "' and '" + stored + "' both mean '" + c + "'");
            }
        }
    }

    @Override public Set<String> names() { return Collections.unmodifiableSet(canonicalToStored.keySet()); }

    @Override
    public Tensor get(String name) {
        String stored = canonicalToStored.get(name);
        if (stored == null) throw new WeightsException("tensor '" + name + "' is missing from " + description());
        Tensor t = inner.get(stored);
        return stored.equals(name) ? t : new Tensor(name, t.dtype(), t.shape(), t.data());
    }

    @Override public String description() { return inner.description(); }

    @Override public void close() { inner.close(); }
}
