package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies of ND4J arrays into Java double arrays (results, small parameter vectors). {@code DataBuffer.asDouble()}
 * reads one element per call through an indexer, which on the DeepLIFT rules' arrays cost more than their arithmetic
 * (profiled); the rules themselves now read rows in place ({@link RowAccess}).
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
}
