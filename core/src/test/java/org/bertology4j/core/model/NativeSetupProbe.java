package org.bertology4j.core.model;

import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a child JVM (no flags, no settings in its environment) by {@link NativeBuildTest}: loads the natives the
 * way a library user does and prints what they saw.
 */
final class NativeSetupProbe {
    public static void main(String[] args) throws Exception {
        Class.forName(BertWeights.class.getName());   // a library class first, as a user's program does
        Nd4j.zeros(DataType.FLOAT, 4, 4).mmul(Nd4j.ones(DataType.FLOAT, 4, 4));
        System.out.println("extension=" + System.getProperty(NativeBuild.PROPERTY));
        System.out.println("OMP_WAIT_POLICY=" + libcGetenv("OMP_WAIT_POLICY"));
        System.out.println("OPENBLAS_CORETYPE=" + libcGetenv("OPENBLAS_CORETYPE"));
        System.out.println("loaded=" + NativeBuild.nativesLoaded());
        System.out.println("blas=" + NativeBuild.blasInUse());
        System.out.println("MKL_THREADING_LAYER=" + libcGetenv("MKL_THREADING_LAYER"));
        System.out.println("batched=" + org.bertology4j.core.kernels.Kernels.batchedProductRoute());
        System.out.println("dense=" + org.bertology4j.core.kernels.Kernels.denseProductRoute());
    }

    /** The variable as the natives see it (Java's System.getenv is a copy taken at start). */
    private static String libcGetenv(String name) {
        BytePointer p = org.bytedeco.systems.global.linux.getenv(new BytePointer(name));
        return p == null || p.isNull() ? null : p.getString();
    }
}
