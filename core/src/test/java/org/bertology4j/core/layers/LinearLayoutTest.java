package org.bertology4j.core.layers;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dense layer stored [out, in] computes what the same layer stored [in, out] computes (forward, input VJP, weight
 * and bias gradients, stacked cotangents), in float64; the choice of orientation follows the 4 KiB row-stride rule.
 */
class LinearLayoutTest {

    @Test
    void bothOrientationsGiveTheSameProductsAndGradients() {
        Nd4j.getRandom().setSeed(7);
        int rows = 6, in = 5, out = 9;
        INDArray wT = Nd4j.randn(DataType.DOUBLE, in, out), b = Nd4j.randn(DataType.DOUBLE, out);
        INDArray x = Nd4j.randn(DataType.DOUBLE, rows, in), dy = Nd4j.randn(DataType.DOUBLE, 2L * rows, out);
        Linear plain = new Linear(wT, b, false), outIn = new Linear(wT, b, true);
        assertFalse(plain.storedOutIn());
        assertTrue(outIn.storedOutIn());
        assertArrayEquals(new long[]{out, in}, outIn.storage().shape());
        assertEquals(0, plain.weightT().sub(outIn.weightT()).amaxNumber().doubleValue(), "weightT reads the same");

        Linear.Cache cp = new Linear.Cache(), co = new Linear.Cache();
        assertTrue(plain.forward(x, cp).equalsWithEps(outIn.forward(x, co), 1e-12), "forward");
        Linear.Grad gp = new Linear.Grad(plain), go = new Linear.Grad(outIn);
        // two stacked cotangents of the same rows: the parameter gradients sum over both
        INDArray dxp = plain.backward(dy, cp, gp), dxo = outIn.backward(dy, co, go);
        assertTrue(dxp.equalsWithEps(dxo, 1e-12), "input VJP");
        assertArrayEquals(new long[]{out, in}, go.storage().shape(), "accumulator in the storage orientation");
        assertTrue(gp.weightT().equalsWithEps(go.weightT(), 1e-12), "weight gradient");
        assertTrue(gp.bias().equalsWithEps(go.bias(), 1e-12), "bias gradient");

        // and against the definition: dL/dWᵀ = Σ_k xᵀ·dy_k for L = Σ dy ⊙ y
        INDArray expected = x.transpose().mmul(dy.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows)))
                .add(x.transpose().mmul(dy.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(rows, 2 * rows))));
        assertTrue(expected.equalsWithEps(go.weightT(), 1e-12), "weight gradient of the [out, in] layer");

        // a second backward adds (no lazy zero pending)
        outIn.backward(dy, co, go);
        assertTrue(expected.mul(2).equalsWithEps(go.weightT(), 1e-12), "accumulates");
        go.zeroLazily();
        outIn.backward(dy, co, go);
        assertTrue(expected.equalsWithEps(go.weightT(), 1e-12), "a lazy zero is overwritten");
    }

    @Test
    void fromOutInKeepsTheHuggingFaceWeightAsItIs() {
        INDArray w = Nd4j.randn(DataType.DOUBLE, 2048, 3);     // [out, in]: out a multiple of 1024
        Linear l = Linear.fromOutIn(w, null);
        assertTrue(l.storedOutIn());
        assertEquals(0, l.storage().sub(w).amaxNumber().doubleValue());
        assertEquals(3, l.inFeatures());
        assertEquals(2048, l.outFeatures());
    }

    @Test
    void orientationRule() {
        assertTrue(Linear.storesOutIn(768, 3072), "BERT-base FFN up-projection");
        assertTrue(Linear.storesOutIn(1024, 4096) == false, "both strides 4 KiB multiples: unchanged");
        assertFalse(Linear.storesOutIn(3072, 768), "FFN down-projection");
        assertFalse(Linear.storesOutIn(768, 2304), "fused QKV");
        assertFalse(Linear.storesOutIn(384, 1536), "bge-small FFN");
    }
}
