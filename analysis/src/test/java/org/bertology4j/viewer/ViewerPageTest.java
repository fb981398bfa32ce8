package org.bertology4j.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewerPageTest {
    @TempDir Path dir;

    static JsonNode embeddedData(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"b4j-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "no embedded data element");
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void writesOneSelfContainedFileWithTheDataEmbedded() throws Exception {
        ViewerData data = SyntheticViewerData.small(2, 3, true);
        Path html = dir.resolve("out/view.html");
        ViewerPage.write(html, data);
        String page = Files.readString(html);
        assertFalse(page.contains("http://") || page.contains("https://"), "page refers to the network");
        assertFalse(page.contains("{{"), "unfilled template marker");
        try (var files = Files.list(html.getParent())) {
            assertEquals(List.of(html), files.toList(), "only the page, no temporary files");
        }
        JsonNode json = embeddedData(page);
        assertEquals(7, json.get("tokens").size());
        assertEquals("##s", json.get("tokens").get(3).asText());
        assertEquals("f32", json.get("encoding").get("kind").asText());
        assertEquals(3, json.get("measures").size());
        JsonNode att = json.get("measures").get(0);
        assertEquals(3, att.get("heads").asInt());
        float[][] back = MatrixCodec.decode(MatrixCodec.Kind.DENSE_F32, att.get("maps").get(1).get(2).asText(), 7);
        for (int i = 0; i < 7; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(data.attention()[1][2][i], back[i]);
        }
        assertEquals(3, json.get("deeplift").size());
        assertEquals(data.deepLift()[2][5], (float) json.get("deeplift").get(2).get(5).asDouble());
    }

    @Test
    void tokensCannotBreakOutOfTheScriptElement() throws Exception {
        List<String> pieces = List.of("[CLS]", "</script><b>x</b>", "&amp;", "[SEP]");
        float[][][][] a = new float[1][1][4][4];
        for (float[] row : a[0][0]) java.util.Arrays.fill(row, 0.25f);
        ViewerData data = ViewerData.builder().tokens(pieces, new int[] {-1, 0, 1, -1}, List.of("</script><b>x</b>", "&amp;"))
                .attention(a).model("<i>m</i>", "").build();
        Path html = dir.resolve("x.html");
        ViewerPage.write(html, data);
        String page = Files.readString(html);
        assertEquals(2, page.split("</script>", -1).length - 1, "only the two real script end tags");
        assertTrue(page.contains("<title>bertology4j viewer - &lt;i&gt;m&lt;/i&gt;</title>"));
        assertEquals("</script><b>x</b>", embeddedData(page).get("tokens").get(1).asText());
        assertEquals("&amp;", embeddedData(page).get("tokens").get(2).asText());
    }

    @Test
    void longInputsAreStoredQuantizedAndSparseAndStaySmall() throws Exception {
        // BERT-base shape at the maximum length: dense float32 would be 12*12*512*512*4 bytes = 151 MB (201 MB base64).
        ViewerData data = SyntheticViewerData.longInput(512, 12, 12, false);
        Path html = dir.resolve("long.html");
        ViewerPage.write(html, data);
        long size = Files.size(html);
        assertTrue(size < 40_000_000L, "page is " + size + " bytes");
        JsonNode json = embeddedData(Files.readString(html));
        assertEquals("u8sparse", json.get("encoding").get("kind").asText());
        float[][] orig = data.attention()[11][5];
        float[][] back = MatrixCodec.decode(MatrixCodec.Kind.SPARSE_U8, json.get("measures").get(0).get("maps").get(11).get(5).asText(), 512);
        for (int i = 0; i < 512; i++) {
            float max = 0;
            for (float v : orig[i]) max = Math.max(max, v);
            for (int j = 0; j < 512; j++) {
                if (back[i][j] != 0f) assertTrue(Math.abs(back[i][j] - orig[i][j]) <= max / 510f * 1.0001f);
            }
        }
    }

    @Test
    void encodingOptionsAreChecked() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ViewerPage.EncodingOptions(128, 1f, 64));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ViewerPage.EncodingOptions(128, 0.01f, 0));
        assertEquals(MatrixCodec.Kind.DENSE_F32, ViewerPage.EncodingOptions.DEFAULT.kindFor(128));
        assertEquals(MatrixCodec.Kind.SPARSE_U8, ViewerPage.EncodingOptions.DEFAULT.kindFor(129));
    }
}
