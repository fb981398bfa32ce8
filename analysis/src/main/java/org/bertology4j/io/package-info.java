/** Files: atomic writes ({@link org.bertology4j.io.AtomicFiles}), result JSON ({@link org.bertology4j.io.JsonFiles}), NumPy arrays ({@link org.bertology4j.io.Npy}),
 * and what results and checkpoints identify inputs and models by: SHA-256 of files ({@link org.bertology4j.io.FileHash})
 * and a model's name, source and hashes ({@link org.bertology4j.io.ModelIdentity}), never this machine's paths. */
package org.bertology4j.io;
