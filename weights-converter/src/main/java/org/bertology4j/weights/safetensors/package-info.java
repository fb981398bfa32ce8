/**
 * The safetensors format: {@link org.bertology4j.weights.safetensors.SafetensorsReader} (memory-mapped, every
 * header field checked against the file) and {@link org.bertology4j.weights.safetensors.SafetensorsWriter}
 * (aligned header, as the reference implementation writes it). The native model directory stores its weights so.
 */
package org.bertology4j.weights.safetensors;
