package org.bertology4j.viewer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * The binary encodings of a T x T matrix embedded in the viewer page (base64, little-endian). The page's script
 * ({@code viewer.js}, {@code decodeMatrix}) reads the same layouts.
 *
 * <ul>
 *   <li>{@link Kind#DENSE_F32}: T*T float32 in row-major order. Exact.</li>
 *   <li>{@link Kind#SPARSE_U8}: per row its maximum, and only the entries that are at least
 *       {@code relThreshold * rowMax}, at most {@code maxPerRow} of them (the largest), each quantized to
 *       {@code q = round(255 * v / rowMax)}; entries quantizing to 0 are dropped too. Layout:
 *       float32 rowMax[T], uint32 rowStart[T+1], uint16 column[nnz], uint8 q[nnz].
 *       A kept entry decodes to {@code q / 255 * rowMax}, within {@code rowMax / 510} of the original; a dropped one
 *       decodes to 0.</li>
 * </ul>
 */
public final class MatrixCodec {
    /** How a matrix is stored. */
    public enum Kind {
        /** float32, exact. */
        DENSE_F32("f32"),
        /** per-row 8-bit quantized and sparsified. */
        SPARSE_U8("u8sparse");

        private final String id;

        Kind(String id) { this.id = id; }

        /** Name used in the page's JSON. */
        public String id() { return id; }
    }

    private MatrixCodec() {}

    /** Encodes a T x T matrix as float32, base64. */
    public static String encodeDense(float[][] m) {
        int t = m.length;
        ByteBuffer buf = ByteBuffer.allocate(4 * t * t).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : m) {
            for (float v : row) buf.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /**
     * Encodes a T x T non-negative matrix quantized and sparsified (see class comment), base64.
     *
     * @param relThreshold entries below this fraction of their row's maximum are dropped, in [0, 1)
     * @param maxPerRow    at most this many entries are kept per row (the largest; ties by lower column)
     */
    public static String encodeSparse(float[][] m, float relThreshold, int maxPerRow) {
        if (!(relThreshold >= 0f && relThreshold < 1f)) throw new IllegalArgumentException("relThreshold must be in [0, 1): " + relThreshold);
        if (maxPerRow < 1) throw new IllegalArgumentException("maxPerRow must be >= 1: " + maxPerRow);
        int t = m.length;
        if (t > 65536) throw new IllegalArgumentException("sparse encoding holds at most 65536 columns, got " + t);
        float[] rowMax = new float[t];
        int[][] keptCols = new int[t][];
        byte[][] keptQ = new byte[t][];
        long nnz = 0;
        for (int r = 0; r < t; r++) {
            float max = 0f;
            for (float v : m[r]) max = Math.max(max, v);
            rowMax[r] = max;
            int[] cols = keepColumns(m[r], max, relThreshold, maxPerRow);
            byte[] q = new byte[cols.length];
            int n = 0;
            for (int c : cols) {
                int qv = Math.round(255f * m[r][c] / max);
                if (qv > 0) {
                    cols[n] = c;
                    q[n++] = (byte) qv;
                }
            }
            keptCols[r] = Arrays.copyOf(cols, n);
            keptQ[r] = Arrays.copyOf(q, n);
            nnz += n;
        }
        long bytes = 4L * t + 4L * (t + 1) + 2L * nnz + nnz;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : rowMax) buf.putFloat(v);
        int start = 0;
        for (int r = 0; r < t; r++) {
            buf.putInt(start);
            start += keptCols[r].length;
        }
        buf.putInt(start);
        for (int[] cols : keptCols) {
            for (int c : cols) buf.putShort((short) c);
        }
        for (byte[] q : keptQ) buf.put(q);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /** Columns of {@code row} with value >= relThreshold * max, the largest maxPerRow of them (ties: lower column), in column order. */
    private static int[] keepColumns(float[] row, float max, float relThreshold, int maxPerRow) {
        if (max <= 0f) return new int[0];
        float cut = relThreshold * max;
        int n = 0;
        for (float v : row) if (v > 0f && v >= cut) n++;
        if (n > maxPerRow) {
            // Raise the cut to the maxPerRow-th largest value; ties at the cut go to the lowest columns.
            float[] sorted = row.clone();
            Arrays.sort(sorted);
            cut = sorted[sorted.length - maxPerRow];
        }
        int above = 0;
        for (float v : row) if (v > cut) above++;
        int tiesAllowed = Math.min(n, maxPerRow) - above;
        int[] cols = new int[Math.min(n, maxPerRow)];
        int k = 0;
        for (int c = 0; c < row.length; c++) {
            float v = row[c];
            if (!(v > 0f)) continue;
            if (v > cut || (v == cut && tiesAllowed-- > 0)) cols[k++] = c;
        }
        return Arrays.copyOf(cols, k);
    }

    /** Decodes a matrix of either kind (the Java twin of the page's decoder, used to check the encodings). */
    public static float[][] decode(Kind kind, String base64, int t) {
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[][] m = new float[t][t];
        if (kind == Kind.DENSE_F32) {
            if (buf.remaining() != 4 * t * t) throw new IllegalArgumentException("dense matrix: " + buf.remaining() + " bytes, expected " + 4 * t * t);
            for (int r = 0; r < t; r++) {
                for (int c = 0; c < t; c++) m[r][c] = buf.getFloat();
            }
            return m;
        }
        float[] rowMax = new float[t];
        for (int r = 0; r < t; r++) rowMax[r] = buf.getFloat();
        int[] starts = new int[t + 1];
        for (int r = 0; r <= t; r++) starts[r] = buf.getInt();
        int nnz = starts[t];
        int colsAt = buf.position();
        int qAt = colsAt + 2 * nnz;
        if (buf.limit() != qAt + nnz) throw new IllegalArgumentException("sparse matrix: " + buf.limit() + " bytes, expected " + (qAt + nnz));
        for (int r = 0; r < t; r++) {
            for (int k = starts[r]; k < starts[r + 1]; k++) {
                int c = Short.toUnsignedInt(buf.getShort(colsAt + 2 * k));
                int q = Byte.toUnsignedInt(buf.get(qAt + k));
                m[r][c] = q / 255f * rowMax[r];
            }
        }
        return m;
    }
}
