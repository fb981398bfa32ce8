package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Bulk copies between ND4J arrays and Java double arrays for the rules computed element by element in Java.
 * {@code DataBuffer.asDouble()} reads one element per call through an indexer; on the DeepLIFT rules' [T·heads, T]
 * and [T, 4H] arrays that cost more than the rules' arithmetic (profiled), so these read and write whole buffers.
 */
final class DenseValues {
    private DenseValues() {}

    /** The values of {@code a} in 'c' order as doubles. */
    static double[] of(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        int n = (int) c.length();
        double[] v = new double[n];
        if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().position((int) c.offset()).slice().get(v);
        } else if (c.dataType() == DataType.FLOAT) {
            float[] f = new float[n];
            c.data().asNioFloat().position((int) c.offset()).slice().get(f);
            for (int i = 0; i < n; i++) v[i] = f[i];
        } else {
            return c.castTo(DataType.DOUBLE).data().asDouble();
        }
        return v;
    }

    /** A new 'c'-order array of {@code shape} and {@code type} (float or double) holding {@code v}. */
    static INDArray array(double[] v, long[] shape, DataType type) {
        INDArray out = Nd4j.createUninitialized(type, shape, 'c');
        if (type == DataType.DOUBLE) {
            DoubleBuffer b = out.data().asNioDouble();
            b.put(v);
        } else if (type == DataType.FLOAT) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
            FloatBuffer b = out.data().asNioFloat();
            b.put(f);
        } else {
            return Nd4j.create(v, shape, 'c').castTo(type);
        }
        return out;
    }
}
