package org.bertology4j.core.grad;

import org.bertology4j.core.layers.Embeddings;
import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.HeadIntervention;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.layers.SelfAttention;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.TinyModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.bertology4j.core.grad.FiniteDifferences.check;
import static org.bertology4j.core.grad.FiniteDifferences.dot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every op's hand-written VJP against central finite differences (float64), including stacked cotangents. */
class OpBackwardTest {
    static { Nd4j.getRandom().setSeed(7); }
    static final DataType D = DataType.DOUBLE;

    static INDArray rand(long... shape) { return Nd4j.randn(D, shape); }

    @Test
    void linear() {
        Linear lin = new Linear(rand(5, 3), rand(3));
        INDArray x = rand(4, 5), r = rand(4, 3);
        Linear.Cache c = new Linear.Cache();
        lin.forward(x, c);
        Linear.Grad g = new Linear.Grad(lin);
        INDArray dx = lin.backward(r, c, g);
        check("linear dx", x, dx, () -> dot(r, lin.forward(x, null)), 0, 1);
        check("linear dWᵀ", lin.weightT(), g.weightT(), () -> dot(r, lin.forward(x, null)), 0, 1);
        check("linear db", lin.bias(), g.bias(), () -> dot(r, lin.forward(x, null)), 0, 1);
        assertThrows(IllegalArgumentException.class, () -> lin.backwardInput(rand(4, 5)));
    }

    @Test
    void layerNorm() {
        LayerNorm ln = new LayerNorm(rand(6).addi(1), rand(6), 1e-12);
        INDArray x = rand(4, 6).muli(3).addi(2), r = rand(4, 6);
        LayerNorm.Cache c = new LayerNorm.Cache();
        ln.forward(x, c);
        LayerNorm.Grad g = new LayerNorm.Grad(ln);
        INDArray dx = ln.backward(r, c, g);
        check("LN dx", x, dx, () -> dot(r, ln.forward(x, null)), 0, 1);
        check("LN dγ", ln.gamma(), g.gamma, () -> dot(r, ln.forward(x, null)), 0, 1);
        check("LN dβ", ln.beta(), g.beta, () -> dot(r, ln.forward(x, null)), 0, 1);
        assertStackedEqualsSeparate(r, 3, rr -> ln.backward(rr, c, null));
    }

    @Test
    void gelu() {
        for (Gelu.Form form : Gelu.Form.values()) {
            INDArray x = rand(3, 7).muli(2), r = rand(3, 7);
            Gelu.Cache c = new Gelu.Cache();
            Gelu.forward(x, form, c);
            INDArray dx = Gelu.backward(r, c, form);
            check("GELU " + form, x, dx, () -> dot(r, Gelu.forward(x, form, null)), 0, 1);
            assertStackedEqualsSeparate(r, 2, rr -> Gelu.backward(rr, c, form));
        }
    }

    /** Attention with a padded second item, a head fixed by an intervention, and two stacked cotangents. */
    @Test
    void selfAttention() {
        int b = 2, t = 5, h = 8, heads = 2;
        SelfAttention att = new SelfAttention(Linear.fromOutIn(rand(h, h).muli(0.8), rand(h)), Linear.fromOutIn(rand(h, h).muli(0.8), rand(h)),
                Linear.fromOutIn(rand(h, h), rand(h)), Linear.fromOutIn(rand(h, h), rand(h)), heads);
        INDArray real = Nd4j.create(new double[][]{{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}});
        INDArray addMask = real.rsub(1.0).muli(SelfAttention.MASK_VALUE);
        for (List<HeadIntervention> iv : List.of(List.<HeadIntervention>of(),
                List.of(new HeadIntervention(HeadIntervention.Kind.DISABLE, 1, null)))) {
            INDArray x = rand(b * t, h), r = rand(b * t, h);
            SelfAttention.Cache c = new SelfAttention.Cache();
            att.forward(x, b, t, addMask, real, iv, null, c);
            SelfAttention.Grad g = new SelfAttention.Grad(att);
            INDArray[] dP = new INDArray[1];
            INDArray dx = att.backward(r, b, t, c, att.fixedHeads(iv), g, dP);
            var f = (java.util.function.DoubleSupplier) () -> dot(r, att.forward(x, b, t, addMask, real, iv, null, null));
            check("attention dx " + iv, x, dx, f, 0, 1);
            check("attention dW_qkv " + iv, att.qkv().weightT(), g.qkv.weightT(), f, 0, 1);
            check("attention db_qkv " + iv, att.qkv().bias(), g.qkv.bias(), f, 0, 1);
            check("attention dW_out " + iv, att.output().weightT(), g.output.weightT(), f, 0, 1);
            // dL/dP via a REPLACE intervention of every head with the perturbed probabilities.
            INDArray probs = c.probs().dup();
            var fp = (java.util.function.DoubleSupplier) () -> {
                List<HeadIntervention> rep = new java.util.ArrayList<>();
                for (int k = 0; k < heads; k++) rep.add(new HeadIntervention(HeadIntervention.Kind.REPLACE, k,
                        probs.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(k)).dup()));
                return dot(r, att.forward(x, b, t, addMask, real, rep, null, null));
            };
            check("attention dP " + iv, probs, dP[0], fp, 0, 1);
            assertStackedEqualsSeparate(r, 3, rr -> att.backward(rr, b, t, c, att.fixedHeads(iv), null, null));
        }
    }

    @Test
    void encoderLayerAndEmbeddings() {
        BertModel m = BertModel.random(TinyModels.tiny(), 5, D);
        EncoderLayer layer = m.weights().layer(1);
        int b = 2, t = 4, h = 16;
        INDArray real = Nd4j.create(new double[][]{{1, 1, 1, 1}, {1, 1, 0, 0}});
        INDArray addMask = real.rsub(1.0).muli(SelfAttention.MASK_VALUE);
        INDArray x = rand(b * t, h), r = rand(b * t, h);
        EncoderLayer.Cache c = new EncoderLayer.Cache();
        layer.forward(x, b, t, addMask, real, List.of(), null, c);
        EncoderLayer.Grad g = new EncoderLayer.Grad(layer);
        EncoderLayer.Derived d = layer.derive(c, List.of());
        INDArray dx = layer.backward(r, b, t, d, g, null);
        var f = (java.util.function.DoubleSupplier) () -> dot(r, layer.forward(x, b, t, addMask, real, List.of(), null, null));
        check("layer dx", x, dx, f, 0, 1);
        check("layer dW1", layer.intermediate().weightT(), g.intermediate.weightT(), f, 60, 2);
        check("layer dγ2", layer.outputNorm().gamma(), g.outputNorm.gamma, f, 0, 2);
        assertStackedEqualsSeparate(r, 2, rr -> layer.backward(rr, b, t, d, null, null));

        Embeddings e = m.weights().embeddings();
        int[] ids = {2, 7, 7, 3, 2, 9, 0, 0}, seg = {0, 0, 1, 1, 0, 0, 0, 0};
        Embeddings.Cache ec = new Embeddings.Cache();
        e.forward(ids, seg, b, t, ec);
        Embeddings.Grad eg = new Embeddings.Grad(e);
        INDArray dSum = e.backward(r, b, t, ec, eg);
        var fe = (java.util.function.DoubleSupplier) () -> dot(r, e.forward(ids, seg, b, t, null));
        check("embeddings word table", e.wordEmbeddings(), eg.word, fe, 0, 3);
        check("embeddings position table", e.positionEmbeddings(), eg.position, fe, 0, 3);
        check("embeddings segment table", e.tokenTypeEmbeddings(), eg.tokenType, fe, 0, 3);
        check("embeddings LN γ", e.layerNorm().gamma(), eg.layerNorm.gamma, fe, 0, 3);
        // The word-row gradient of the token at (1, 1) (id 9, used once) is its dSum row.
        assertEquals(0, eg.word.getRow(9).sub(dSum.getRow(5)).amaxNumber().doubleValue(), 1e-14);
    }

    /** One backward with K stacked cotangents equals K separate backwards. */
    static void assertStackedEqualsSeparate(INDArray r, int k, java.util.function.UnaryOperator<INDArray> vjp) {
        INDArray[] parts = new INDArray[k];
        for (int i = 0; i < k; i++) parts[i] = r.mul(i + 1).addi(rand(r.shape()));
        INDArray stacked = vjp.apply(Nd4j.vstack(parts));
        long n = r.size(0);
        for (int i = 0; i < k; i++) {
            INDArray one = vjp.apply(parts[i]);
            INDArray part = stacked.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i * n, (i + 1) * n), org.nd4j.linalg.indexing.NDArrayIndex.all());
            double diff = part.sub(one).amaxNumber().doubleValue();
            assertTrue(diff < 1e-12 * Math.max(1, one.amaxNumber().doubleValue()), "stacked copy " + i + " differs by " + diff);
        }
    }
}
