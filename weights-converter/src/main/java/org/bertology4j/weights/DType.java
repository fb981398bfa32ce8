package org.bertology4j.weights;

/** Element types of stored tensors, with their safetensors names and byte widths. */
public enum DType {
    F64("F64", 8), F32("F32", 4), F16("F16", 2), BF16("BF16", 2),
    I64("I64", 8), I32("I32", 4), I16("I16", 2), I8("I8", 1), U8("U8", 1), BOOL("BOOL", 1);

    private final String safetensorsName;
    private final int bytes;

    DType(String safetensorsName, int bytes) {
        this.safetensorsName = safetensorsName;
        this.bytes = bytes;
    }

    /** The dtype string used in safetensors headers ("F32", ...). */
    public String safetensorsName() { return safetensorsName; }

    /** Bytes per element. */
    public int bytes() { return bytes; }

    /** Parses a safetensors dtype string; throws {@link WeightsException} naming it when unknown. */
    public static DType fromSafetensors(String name) {
        for (DType d : values()) {
            if (d.safetensorsName.equals(name)) return d;
        }
        throw new WeightsException("unknown safetensors dtype '" + name + "'");
    }
}
