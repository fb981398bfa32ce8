package org.bertology4j.core.heads;

import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masked-LM head ({@code cls.predictions}): dense, GELU, LayerNorm, then the decoder
 * (tied to the word embeddings [V, H], used transposed inside gemm, no copy) plus a vocabulary bias.
 */
public final class MaskedLmHead {
    private final Linear transform;
    private final LayerNorm norm;
    private final INDArray decoder; // [V, H]
    private final INDArray bias;    // [V]
    private final Gelu.Form gelu;

    public MaskedLmHead(Linear transform, LayerNorm norm, INDArray decoder, INDArray bias, Gelu.Form gelu) {
        this.gelu = gelu;
        this.transform = transform;
        this.norm = norm;
        this.decoder = decoder;
        this.bias = bias;
    }

    public Linear transform() { return transform; }
    public LayerNorm norm() { return norm; }
    public INDArray decoder() { return decoder; }
    public INDArray bias() { return bias; }

    /** Vocabulary logits [N, V] for hidden rows [N, H]. */
    public INDArray forward(INDArray hidden) {
        INDArray t = norm.forward(Gelu.forward(transform.forward(hidden, null), gelu, null), null);
        INDArray logits = Nd4j.create(hidden.dataType(), new long[]{t.size(0), decoder.size(0)}, 'c');
        Nd4j.gemm(t, decoder, logits, false, true, 1.0, 0.0);
        return logits.addiRowVector(bias);
    }
}
