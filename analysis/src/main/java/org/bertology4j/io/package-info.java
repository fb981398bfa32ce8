/** Files: atomic writes ({@link org.bertology4j.io.AtomicFiles}), result JSON ({@link org.bertology4j.io.JsonFiles}) and NumPy arrays ({@link org.bertology4j.io.Npy}). */
package org.bertology4j.io;
