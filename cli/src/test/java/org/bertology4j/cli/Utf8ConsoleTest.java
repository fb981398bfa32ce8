package org.bertology4j.cli;

import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arguments and output are UTF-8 whatever the locale (issue 15: under LC_ALL=C "café" became "caf"). */
class Utf8ConsoleTest {
    @TempDir
    Path tmp;

    @Test
    void argumentsAreDecodedAsUtf8FromTheirBytes() {
        byte[] cafe = "café".getBytes(StandardCharsets.UTF_8);
        // what the JVM makes of them in an ASCII locale: one replacement character per byte above 0x7F
        String[] jvm = {"tokenize", new String(cafe, StandardCharsets.US_ASCII)};
        List<byte[]> raw = List.of("tokenize".getBytes(StandardCharsets.US_ASCII), cafe);
        assertArrayEquals(new String[]{"tokenize", "café"}, Utf8Console.arguments(jvm, StandardCharsets.US_ASCII, raw));
        // without the bytes: a clear error, not a silent "caf"
        Utf8Console.ArgumentException e = assertThrows(Utf8Console.ArgumentException.class,
                () -> Utf8Console.arguments(jvm, StandardCharsets.US_ASCII, null));
        assertTrue(e.getMessage().contains("LC_ALL=C.UTF-8"), e.getMessage());
        // a single-byte locale keeps the bytes: UTF-8 read as Latin-1 is recovered
        String latin1 = new String(cafe, StandardCharsets.ISO_8859_1);
        assertArrayEquals(new String[]{"café"}, Utf8Console.arguments(new String[]{latin1}, StandardCharsets.ISO_8859_1, null));
        // Latin-1 bytes are not UTF-8: named
        byte[] latinCafe = "café".getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(Utf8Console.ArgumentException.class, () -> Utf8Console.arguments(
                new String[]{new String(latinCafe, StandardCharsets.US_ASCII)}, StandardCharsets.US_ASCII, List.of(latinCafe)));
        assertTrue(e.getMessage().contains("is not valid UTF-8"), e.getMessage());
        // a UTF-8 JVM's arguments are left alone
        String[] utf8 = {"café"};
        assertArrayEquals(utf8, Utf8Console.arguments(utf8, StandardCharsets.UTF_8, null));
    }

    /** The real case: a JVM started with LC_ALL=C (not through the launcher) tokenizes "café" and prints UTF-8. */
    @Test
    void aJvmInTheCLocaleReadsAndWritesUtf8() throws Exception {
        Path model = TinyModelDirectory.write(tmp.resolve("tiny"), 3);
        Files.writeString(model.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "tokenize", "--model", model.toString(), "Zoë café");
        pb.environment().put("LC_ALL", "C");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("\"words\" : [ \"Zoë\", \"café\" ]"), out);
        assertTrue(out.contains("[ 4, 8 ]"), "offsets of café in the 8-character text: " + out);
    }
}
