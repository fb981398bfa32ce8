package org.bertology4j.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tokens.json view of an encoding: its fields in file order, serialized as Jackson writes them. */
class EncodingJsonTest {
    @Test
    void fieldsInFileOrder() throws Exception {
        Encoding e = new Encoding(new int[]{1, 7, 2}, new String[]{"[CLS]", "hi", "[SEP]"}, new int[]{0, 0, 0},
                new int[]{1, 1, 1}, new int[][]{{0, 0}, {0, 2}, {0, 0}}, new int[]{-1, 0, -1}, List.of("hi"), false);
        assertEquals(List.of("pieces", "ids", "segment_ids", "word_index", "offsets", "words", "truncated"),
                List.copyOf(EncodingJson.of(e).keySet()));
        assertEquals("{\"pieces\":[\"[CLS]\",\"hi\",\"[SEP]\"],\"ids\":[1,7,2],\"segment_ids\":[0,0,0],\"word_index\":[-1,0,-1],"
                + "\"offsets\":[[0,0],[0,2],[0,0]],\"words\":[\"hi\"],\"truncated\":false}",
                new ObjectMapper().writeValueAsString(EncodingJson.of(e)));
    }
}
