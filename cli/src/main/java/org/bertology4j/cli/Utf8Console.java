package org.bertology4j.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's text as UTF-8 whatever the locale. The JVM decodes its arguments with the locale's charset
 * ({@code sun.jnu.encoding}, US-ASCII under {@code LC_ALL=C}, where {@code café} arrives as {@code caf} and two
 * U+FFFD that the tokenizer then drops) and writes {@code System.out} in it; a system property cannot change the
 * former. The launcher runs the JVM in a UTF-8 locale; for any other way of starting {@link Main} this class
 * recovers the arguments' bytes from {@code /proc/self/cmdline} and decodes them as UTF-8, or fails with a clear
 * error, and sets standard output and error to UTF-8.
 */
final class Utf8Console {
    private Utf8Console() {}

    /** An argument that cannot be read as UTF-8. */
    static final class ArgumentException extends RuntimeException {
        ArgumentException(String message) { super(message); }
    }

    /** Standard output and error in UTF-8 (the JVM's default is the locale's charset, ASCII under LC_ALL=C). */
    static void install() {
        System.setOut(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 13), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 13), true, StandardCharsets.UTF_8));
    }

    /** The arguments decoded as UTF-8 (unchanged when the JVM already decoded them as UTF-8, or all are ASCII). */
    static String[] arguments(String[] args) {
        return arguments(args, platformCharset(), rawArguments(args.length));
    }

    /**
     * @param args     as the JVM decoded them
     * @param platform the charset it decoded them with
     * @param raw      the arguments' bytes (e.g. from /proc/self/cmdline), or null when unknown
     * @throws ArgumentException naming the argument when it cannot be read as UTF-8
     */
    static String[] arguments(String[] args, Charset platform, List<byte[]> raw) {
        if (platform.equals(StandardCharsets.UTF_8)) return args;
        String[] out = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i].chars().allMatch(c -> c < 0x80)) continue;
            byte[] bytes;
            if (raw != null && raw.size() == args.length && new String(raw.get(i), platform).equals(args[i])) {
                bytes = raw.get(i);
            } else if (args[i].indexOf('\uFFFD') < 0 && platform.newEncoder().canEncode(args[i])) {
                bytes = args[i].getBytes(platform); // a single-byte locale (e.g. Latin-1) keeps the bytes
            } else {
                throw new ArgumentException("argument '" + args[i] + "' could not be decoded: the JVM runs in a " + platform
                        + " locale, not UTF-8; run it with a UTF-8 locale (e.g. LC_ALL=C.UTF-8) or through ./bertology4j");
            }
            try {
                out[i] = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new ArgumentException("argument '" + args[i] + "' is not valid UTF-8 (the command line must be UTF-8)");
            }
        }
        return out;
    }

    private static Charset platformCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The last {@code n} entries of /proc/self/cmdline (Linux), or null. */
    private static List<byte[]> rawArguments(int n) {
        try {
            byte[] all = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<byte[]> parts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] != 0) continue;
                byte[] p = new byte[i - start];
                System.arraycopy(all, start, p, 0, p.length);
                parts.add(p);
                start = i + 1;
            }
            return parts.size() < n ? null : parts.subList(parts.size() - n, parts.size());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
