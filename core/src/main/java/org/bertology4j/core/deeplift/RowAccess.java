package org.bertology4j.core.deeplift;

import org.bertology4j.core.kernels.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Row-by-row reads and writes of a float or double ND4J array as Java doubles, in place over its off-heap buffer. The
 * rules computed in Java ({@link LogMeanSoftmaxRule}, {@link Rescale}, {@link DeepLiftLayerNormRule}) read the stacked
 * forward's caches at one item's rows this way, with no copy of the item (copies and float-to-double conversions of
 * whole arrays cost more than the rules' arithmetic, profiled), and do their arithmetic in double whatever the model's
 * type. A row is the last axis; the array's elements must lie in 'c' order without gaps (a view of whole rows of a
 * dense array qualifies), else {@link #of} works on a dense copy.
 */
abstract class RowAccess {
    /** Elements per row (the last axis). */
    final int width;
    /** Number of rows (all other axes together). */
    final int rows;

    private RowAccess(int rows, int width) {
        this.rows = rows;
        this.width = width;
    }

    /** Access to the rows of {@code a} (float or double); a copy of it when its elements are not contiguous. */
    static RowAccess of(INDArray a) {
        INDArray c = Kernels.denseFloating(a) ? a : a.dup('c');
        int width = (int) c.size(c.rank() - 1), rows = (int) (c.length() / Math.max(1, width));
        if (c.dataType() == DataType.FLOAT) {
            return new Floats(c.data().asNioFloat().position((int) c.offset()).slice(), rows, width);
        }
        if (c.dataType() == DataType.DOUBLE) {
            return new Doubles(c.data().asNioDouble().position((int) c.offset()).slice(), rows, width);
        }
        throw new IllegalArgumentException("DeepLIFT's rules take FLOAT or DOUBLE arrays, got " + c.shapeInfoToString());
    }

    /** Row {@code row} into {@code dst[0 .. width)}. */
    abstract void read(int row, double[] dst);

    /** {@code src[0 .. width)} into row {@code row}, rounded to the array's type. */
    abstract void write(int row, double[] src);

    private static final class Floats extends RowAccess {
        private final FloatBuffer b;

        Floats(FloatBuffer b, int rows, int width) {
            super(rows, width);
            this.b = b;
        }

        @Override
        void read(int row, double[] dst) {
            int o = row * width;
            for (int j = 0; j < width; j++) dst[j] = b.get(o + j);
        }

        @Override
        void write(int row, double[] src) {
            int o = row * width;
            for (int j = 0; j < width; j++) b.put(o + j, (float) src[j]);
        }
    }

    private static final class Doubles extends RowAccess {
        private final DoubleBuffer b;

        Doubles(DoubleBuffer b, int rows, int width) {
            super(rows, width);
            this.b = b;
        }

        @Override
        void read(int row, double[] dst) { b.get(row * width, dst, 0, width); }

        @Override
        void write(int row, double[] src) { b.put(row * width, src, 0, width); }
    }
}
