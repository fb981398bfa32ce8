/**
 * The execution seam below the ops. Its main public class, {@link org.bertology4j.core.kernels.Kernels}, is the facade
 * over the fused plain-Java kernels (head split and merge, GELU and its derivative, LayerNorm forward and VJP, the
 * embedding scatter-add), the softmax VJP, the matrix products (timed into the calling execution's accumulator for the
 * benches), the helpers of K stacked cotangents and {@code forRows}, the kernels' row splitting offered to the row-wise
 * rules of other packages (DeepLIFT's); where a kernel does not take the arrays it decides the fallback
 * itself (its class comment lists each). Everything behind it is package-private: the kernels, the row splitting over
 * the threads of the calling model's {@code Execution}, the product timer, the column sums, the dense products (oneDNN's
 * matmul primitive through JavaCPP's oneDNN preset, bit for bit ND4J's gemm, which stays the fallback) and the per-head
 * products (oneMKL's strided batch gemm through JavaCPP's MKL preset, or one gemm per head).
 * Two more public classes answer questions about the machine: {@link org.bertology4j.core.kernels.CpuFlags} reads the
 * CPU's features without touching ND4J (the native set-up asks it before the natives load; the products ask it where
 * the fastest layout differs between CPUs), {@link org.bertology4j.core.kernels.LoadedBlas} which BLAS serves the
 * products (the per-head products and the batch split ask it).
 */
package org.bertology4j.core.kernels;
