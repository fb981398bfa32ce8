package org.bertology4j.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text to tree, with a message naming the analysis whose state could not be read. */
final class Jsons {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Jsons() {}

    static JsonNode parse(String json, String analysis) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + analysis + " accumulator state: " + e.getOriginalMessage(), e);
        }
    }
}
