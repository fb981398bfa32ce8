package org.bertology4j.tokenizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON view of an {@link Encoding} that the {@code tokens.json} files hold: {@code pieces}, {@code ids},
 * {@code segment_ids}, {@code word_index}, {@code offsets}, {@code words} and {@code truncated}, in that order.
 * Serialize it with any Jackson mapper.
 */
public final class EncodingJson {
    private EncodingJson() {}

    /** The fields of {@code e} in file order (a new, modifiable map over the encoding's arrays). */
    public static Map<String, Object> of(Encoding e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pieces", e.pieces());
        m.put("ids", e.ids());
        m.put("segment_ids", e.segmentIds());
        m.put("word_index", e.wordIndex());
        m.put("offsets", e.offsets());
        m.put("words", e.words());
        m.put("truncated", e.truncated());
        return m;
    }
}
