package org.bertology4j.core.train;

import org.bertology4j.core.layers.Embeddings;
import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient accumulators for every {@link ModelParameters} entry, built on the layers' hand-written
 * backward passes. {@link #arrays()} lists them in the order of {@link ModelParameters#list()}.
 */
public final class ClassifierGradients {
    final Embeddings.Grad embeddings;
    final EncoderLayer.Grad[] layers;
    final Linear.Grad pooler;
    final Linear.Grad classifier;
    private final List<INDArray> arrays;

    /** Zero accumulators shaped like the parameters of {@code weights}. */
    public ClassifierGradients(BertWeights weights) {
        embeddings = new Embeddings.Grad(weights.embeddings());
        layers = new EncoderLayer.Grad[weights.numLayers()];
        for (int l = 0; l < layers.length; l++) layers[l] = new EncoderLayer.Grad(weights.layer(l));
        pooler = new Linear.Grad(weights.pooler().dense());
        classifier = new Linear.Grad(weights.classifier());
        List<INDArray> a = new ArrayList<>(embeddings.arrays());
        for (EncoderLayer.Grad g : layers) a.addAll(g.arrays());
        a.addAll(pooler.arrays());
        a.addAll(classifier.arrays());
        arrays = List.copyOf(a);
    }

    /** The accumulators, aligned with {@link ModelParameters#list()} (pending lazy zeros written first). */
    public List<INDArray> arrays() {
        for (EncoderLayer.Grad g : layers) g.materialize();
        pooler.materialize();
        classifier.materialize();
        return arrays;
    }

    /** Sets every accumulator to zero (the dense layers' lazily: the next backward overwrites them). */
    public void zero() {
        embeddings.zero();
        for (EncoderLayer.Grad g : layers) g.zero();
        pooler.zeroLazily();
        classifier.zeroLazily();
    }

    /** Global L2 norm over all accumulators. */
    public double globalNorm() {
        double s = 0;
        for (INDArray a : arrays()) {
            double n = a.norm2Number().doubleValue();
            s += n * n;
        }
        return Math.sqrt(s);
    }

    /** Multiplies every accumulator by {@code factor}. */
    public void scale(double factor) {
        for (INDArray a : arrays()) a.muli(factor);
    }
}
