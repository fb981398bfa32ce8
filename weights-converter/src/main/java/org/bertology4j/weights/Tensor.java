package org.bertology4j.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A named tensor as stored in a file: dtype, shape (row-major) and little-endian bytes.
 * The buffer may be a slice of a memory-mapped file; it is never modified.
 */
public final class Tensor {
    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final ByteBuffer data;

    public Tensor(String name, DType dtype, long[] shape, ByteBuffer data) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = numElements() * dtype.bytes();
        if (this.data.remaining() != expected) {
            throw new WeightsException("tensor '" + name + "': " + this.data.remaining() + " bytes for shape "
                    + Arrays.toString(shape) + " " + dtype + " (expected " + expected + ")");
        }
    }

    /** A float32 tensor holding a copy of {@code values}. */
    public static Tensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(name, DType.F32, shape, b);
    }

    /** A float64 tensor holding a copy of {@code values}. */
    public static Tensor ofDoubles(String name, long[] shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new Tensor(name, DType.F64, shape, b);
    }

    public String name() { return name; }
    public DType dtype() { return dtype; }
    public long[] shape() { return shape.clone(); }
    public int rank() { return shape.length; }

    /** A read-only little-endian view of the raw bytes, positioned at 0. */
    public ByteBuffer data() { return data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN); }

    public long numElements() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /** Values converted to float (F32 copied; F64, F16, BF16 and integer types converted). */
    public float[] toFloats() {
        int n = Math.toIntExact(numElements());
        float[] out = new float[n];
        ByteBuffer b = data();
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> { for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(i * 8); }
            case F16 -> { for (int i = 0; i < n; i++) out[i] = halfToFloat(b.getShort(i * 2)); }
            case BF16 -> { for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16); }
            case I64 -> { for (int i = 0; i < n; i++) out[i] = b.getLong(i * 8); }
            case I32 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4); }
            default -> throw new WeightsException("tensor '" + name + "': cannot convert dtype " + dtype + " to float");
        }
        return out;
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat only exists from Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf / NaN
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero): exact in float
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Values converted to double. */
    public double[] toDoubles() {
        int n = Math.toIntExact(numElements());
        double[] out = new double[n];
        if (dtype == DType.F64) {
            data().asDoubleBuffer().get(out);
            return out;
        }
        float[] f = toFloats();
        for (int i = 0; i < n; i++) out[i] = f[i];
        return out;
    }

    /** Throws a {@link WeightsException} naming this tensor when its shape differs from {@code expected}. */
    public Tensor requireShape(long... expected) {
        if (!Arrays.equals(shape, expected)) {
            throw new WeightsException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                    + " but the config expects " + Arrays.toString(expected));
        }
        return this;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
