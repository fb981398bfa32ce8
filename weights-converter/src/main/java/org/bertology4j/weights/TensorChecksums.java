package org.bertology4j.weights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Per-tensor checksums of a weights file: CRC32C of each tensor's stored bytes, recorded at conversion (in
 * {@code bertology4j.json}) and checked on every load as the tensor is read, so a load verifies the weights without
 * reading the file a second time. CRC32C (hardware-accelerated in the JDK) catches accidental change and corruption
 * (a changed float, a torn copy, a bad disk) at a cost measured in docs/weights.md; the file's SHA-256, recorded
 * beside them, is the model's identity.
 */
public final class TensorChecksums {
    private TensorChecksums() {}

    /** CRC32C of one tensor's stored bytes, as 8 hex digits. */
    public static String of(Tensor t) {
        CRC32C crc = new CRC32C();
        crc.update(t.data());
        return String.format("%08x", crc.getValue());
    }

    /** CRC32C of a safetensors file's header (length, JSON, padding), as 8 hex digits. */
    public static String header(org.bertology4j.weights.safetensors.SafetensorsReader file) {
        return String.format("%08x", file.headerCrc32c());
    }

    /** Checksums of every tensor of {@code source}, by the source's own names. */
    public static Map<String, String> of(TensorSource source) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : source.names()) m.put(n, of(source.get(n)));
        return m;
    }

    /**
     * {@code source} with each tensor checked against {@code expected} when it is read; a mismatch, a tensor without
     * a recorded checksum or a recorded one without its tensor fails naming the tensor and the file.
     */
    public static TensorSource verifying(TensorSource source, Map<String, String> expected) {
        Set<String> names = source.names();
        for (String n : expected.keySet()) {
            if (!names.contains(n)) {
                throw new WeightsException(source.description() + ": tensor '" + n + "' was recorded at conversion but is not in the file");
            }
        }
        for (String n : names) {
            if (!expected.containsKey(n)) {
                throw new WeightsException(source.description() + ": tensor '" + n + "' has no checksum recorded at conversion (the file was changed)");
            }
        }
        return new TensorSource() {
            @Override public Set<String> names() { return names; }

            @Override
            public Tensor get(String name) {
                Tensor t = source.get(name);
                String actual = of(t);
                if (!actual.equals(expected.get(name))) {
                    throw new WeightsException(source.description() + ": tensor '" + name + "' does not match its checksum recorded"
                            + " at conversion (crc32c " + actual + ", recorded " + expected.get(name) + "): the weights file was changed"
                            + " or is corrupt; convert the model again (delete the model directory; named models are fetched again)");
                }
                return t;
            }

            @Override public String description() { return source.description(); }

            @Override public void close() { source.close(); }
        };
    }
}
