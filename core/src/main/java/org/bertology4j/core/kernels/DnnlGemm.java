package org.bertology4j.core.kernels;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dense float products on oneDNN's matmul primitive, called directly through JavaCPP's oneDNN preset (2.5.2, the
 * JavaCPP 1.5.7 release ND4J is built on) instead of through {@code Nd4j.gemm}. Both end in oneDNN's JIT sgemm (ND4J's
 * AVX2 build embeds oneDNN 2.3), and the products are the same bit for bit on every form the engine uses
 * ({@code DnnlGemmTest}); the direct call skips ND4J's per-call work, which costs most on products over few rows
 * (docs/engine.md, "Eleventh session").
 *
 * <p>Takes c = op(a)·op(b) + beta·c for float arrays with a unit stride in one dimension, a dense row-major c, alpha 1 and
 * beta 0 or 1 ({@link #accepts}). A column-major c is left to ND4J: there its gemm computes the transposed product,
 * which sums in another order. Primitives are cached per thread (a stream, three memory objects and the arguments
 * each), so a call costs three {@code set_data_handle} and one {@code execute}; where the preset cannot load, or a
 * primitive cannot be made for a layout, {@link Kernels#gemm} keeps ND4J's gemm.
 */
final class DnnlGemm {
    /** Off with {@code -Dbertology4j.gemm=nd4j}: every product through ND4J's gemm (for comparison). */
    static final String PROPERTY = "bertology4j.gemm";
    /** Primitives kept per thread (the model's products over one sequence length need 4 to 12 forms). */
    private static final int CACHED_PER_THREAD = 64;

    private static volatile Boolean usable;
    private static engine cpu;

    private DnnlGemm() {}

    /** Whether the route runs in this process (loads the preset on the first call). */
    static boolean usable() {
        Boolean u = usable;
        if (u != null) return u;
        synchronized (DnnlGemm.class) {
            if (usable == null) usable = load();
            return usable;
        }
    }

    private static boolean load() {
        if ("nd4j".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) return false;
        // host pointers only: under ND4J's CUDA backend the arrays' data lives on the device
        if (!"CpuBackend".equals(org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName())) return false;
        try {
            if (!Loader.checkVersion("org.bytedeco", "dnnl", "-", false, DnnlGemm.class)) return false;
            Loader.load(dnnl.class);
            cpu = new engine(engine.kind.cpu, 0);
            return sameBitsAsNd4j();
        } catch (LinkageError | RuntimeException e) {             // no preset, or no JNI library for this platform
            return false;
        }
    }

    /**
     * The route's check of itself: a few products of every form the engine uses, through both routes, must agree bit
     * for bit. They do on the AVX2 CPUs measured (the same JIT sgemm in oneDNN 2.3 and 2.5.2); where a CPU makes the
     * two versions pick different kernels, ND4J's gemm stays, so that no result depends on which route ran.
     */
    private static boolean sameBitsAsNd4j() {
        java.util.Random random = new java.util.Random(20261205);
        long[][] shapes = {{37, 96, 160}, {130, 384, 256}, {1, 64, 48}};
        for (long[] s : shapes) {
            long m = s[0], k = s[1], n = s[2];
            for (int form = 0; form < 4; form++) {
                boolean ta = form >= 2, tb = form == 1;
                INDArray a = filled(random, ta ? k : m, ta ? m : k), b = filled(random, tb ? n : k, tb ? k : n);
                double beta = form == 3 ? 1.0 : 0.0;
                INDArray c = filled(random, m, n), viaNd4j = c.dup('c');
                org.nd4j.linalg.factory.Nd4j.gemm(a, b, viaNd4j, ta, tb, 1.0, beta);
                if (!run(a, b, c, ta, tb, beta) || !java.util.Arrays.equals(c.data().asFloat(), viaNd4j.data().asFloat())) return false;
            }
        }
        return true;
    }

    private static INDArray filled(java.util.Random random, long rows, long cols) {
        float[] v = new float[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = random.nextFloat() - 0.5f;
        return org.nd4j.linalg.factory.Nd4j.create(v, new long[]{rows, cols}, 'c');
    }

    /** Whether c = op(a)·op(b) + beta·c can take this route (see the class comment). */
    static boolean accepts(INDArray a, INDArray b, INDArray c, double alpha, double beta) {
        return alpha == 1.0 && (beta == 0.0 || beta == 1.0)
                && a.dataType() == DataType.FLOAT && b.dataType() == DataType.FLOAT && c.dataType() == DataType.FLOAT
                && a.rank() == 2 && b.rank() == 2 && c.rank() == 2
                && unitStride(a) && unitStride(b) && ElementwiseKernels.contiguous(c)
                && usable();
    }

    /**
     * c = op(a)·op(b) + beta·c; false where no primitive could be made for these layouts (then nothing was written).
     * The arrays must be {@link #accepts}ed.
     */
    static boolean run(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double beta) {
        long[] as = strides(a, ta), bs = strides(b, tb), cs = strides(c, false);
        Form form = new Form(c.size(0), ta ? a.size(0) : a.size(1), c.size(1), as[0], as[1], bs[0], bs[1], cs[0], beta != 0.0);
        Map<Form, Primitive> cache = CACHE.get();
        Primitive p = cache.get(form);
        if (p == null && !cache.containsKey(form)) {
            p = Primitive.make(form);
            cache.put(form, p);
        }
        if (p == null) return false;
        p.run(a, b, c);
        return true;
    }

    /** One product's shape and layout: op(a) [m, k] and op(b) [k, n] by their strides, c [m, n] row-major. */
    private record Form(long m, long k, long n, long aRow, long aCol, long bRow, long bCol, long cRow, boolean accumulate) {}

    /** A matmul primitive with its stream, memory objects and arguments, used by one thread. */
    private static final class Primitive {
        final matmul product;
        final stream stream;
        final memory a, b, c;
        final IntMemoryMap args = new IntMemoryMap();

        private Primitive(Form f) {
            memory.desc ad = desc(f.m, f.k, f.aRow, f.aCol), bd = desc(f.k, f.n, f.bRow, f.bCol), cd = desc(f.m, f.n, f.cRow, 1);
            primitive_attr attr = new primitive_attr();
            if (f.accumulate) {                                   // beta 1: oneDNN's sum post-op (gemm's beta, same bits)
                post_ops sum = new post_ops();
                sum.append_sum();
                attr.set_post_ops(sum);
            }
            product = new matmul(new matmul.primitive_desc(new matmul.desc(ad, bd, cd), attr, cpu));
            stream = new stream(cpu);
            a = new memory(ad, cpu, null);
            b = new memory(bd, cpu, null);
            c = new memory(cd, cpu, null);
            args.put(dnnl.DNNL_ARG_SRC, a);
            args.put(dnnl.DNNL_ARG_WEIGHTS, b);
            args.put(dnnl.DNNL_ARG_DST, c);
        }

        /** The primitive for {@code f}, or null where oneDNN declines the layout. */
        static Primitive make(Form f) {
            try {
                return new Primitive(f);
            } catch (RuntimeException e) {
                return null;
            }
        }

        void run(INDArray x, INDArray y, INDArray out) {
            a.set_data_handle(address(x));
            b.set_data_handle(address(y));
            c.set_data_handle(address(out));
            product.execute(stream, args);
            stream._wait();
        }

        void close() {
            args.close();
            a.close();
            b.close();
            c.close();
            stream.close();
            product.close();
        }

        private static memory.desc desc(long rows, long cols, long rowStride, long colStride) {
            return new memory.desc(new long[]{rows, cols}, memory.data_type.f32, new long[]{rowStride, colStride});
        }
    }

    private static final ThreadLocal<Map<Form, Primitive>> CACHE = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Form, Primitive> eldest) {
                    if (size() <= CACHED_PER_THREAD) return false;
                    if (eldest.getValue() != null) eldest.getValue().close();
                    return true;
                }
            });

    /** The first element of {@code x} as a native pointer. */
    private static Pointer address(INDArray x) {
        return new Address(x.data().addressPointer().address() + 4 * ItemProducts.start(x));
    }

    /** A bare native address (a {@code void*} argument; no position arithmetic, no deallocator). */
    private static final class Address extends Pointer {
        Address(long address) { this.address = address; }
    }

    /**
     * Strides of op(x) as {row, column}. A dimension of size 1 gets the stride a dense array would have (ND4J gives a
     * [1, n] array the strides [1, 1], which oneDNN rejects).
     */
    private static long[] strides(INDArray x, boolean transpose) {
        long r = x.size(0), c = x.size(1), sr = x.stride(0), sc = x.stride(1);
        if (r == 1) sr = c * sc;
        if (c == 1) sc = 1;
        return transpose ? new long[]{sc, sr} : new long[]{sr, sc};
    }

    private static boolean unitStride(INDArray x) {
        return x.size(0) == 1 || x.size(1) == 1 || x.stride(0) == 1 || x.stride(1) == 1;
    }
}
