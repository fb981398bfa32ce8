package org.bertology4j.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test support for the weights readers' fuzz suites: seeded byte-level mutations, "interesting" numbers and random
 * JSON, and a tally that accepts only success or a {@link WeightsException} whose message names the file.
 */
public final class Fuzz {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final byte[] INTERESTING_BYTES = {0, (byte) 0xff, (byte) 0x80, 0x7f, '"', '{', '}', '[', ']', ',', ':',
            '-', '9', 'e', '.', ' ', '\\'};
    private static final long[] INTERESTING_LONGS = {0, 1, 2, 3, 4, 7, 8, 16, -1, -8, Integer.MAX_VALUE, Integer.MIN_VALUE,
            1L << 31, 1L << 32, (1L << 32) + 768, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 4, 1L << 40};

    private Fuzz() {}

    /** One to three random mutations of {@code valid}; half of the point mutations fall before {@code focusEnd}. */
    public static byte[] mutate(byte[] valid, Random rnd, int focusEnd) {
        byte[] m = valid.clone();
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n && m.length > 0; k++) {
            int limit = rnd.nextBoolean() ? Math.min(focusEnd, m.length) : m.length;
            int at = rnd.nextInt(Math.max(1, limit));
            switch (rnd.nextInt(8)) {
                case 0, 1 -> m[at] ^= (byte) (1 << rnd.nextInt(8));                      // bit flip
                case 2 -> m[at] = INTERESTING_BYTES[rnd.nextInt(INTERESTING_BYTES.length)];
                case 3 -> m = Arrays.copyOf(m, rnd.nextInt(m.length));                    // truncation
                case 4 -> {                                                               // extension
                    byte[] tail = new byte[1 + rnd.nextInt(64)];
                    rnd.nextBytes(tail);
                    m = concat(m, m.length, tail, new byte[0]);
                }
                case 5 -> {                                                               // insertion
                    byte[] ins = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(ins);
                    m = concat(Arrays.copyOf(m, at), at, ins, Arrays.copyOfRange(m, at, m.length));
                }
                case 6 -> {                                                               // deletion
                    int len = 1 + rnd.nextInt(Math.min(16, m.length - at));
                    m = concat(Arrays.copyOf(m, at), at, new byte[0], Arrays.copyOfRange(m, at + len, m.length));
                }
                default -> {                                                              // a little-endian long
                    if (m.length >= 8) {
                        int p = rnd.nextInt(m.length - 7);
                        if (rnd.nextBoolean()) p = 0;
                        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putLong(p, interestingLong(rnd));
                    }
                }
            }
        }
        return m;
    }

    private static byte[] concat(byte[] a, int aLen, byte[] b, byte[] c) {
        byte[] out = Arrays.copyOf(a, aLen + b.length + c.length);
        System.arraycopy(b, 0, out, aLen, b.length);
        System.arraycopy(c, 0, out, aLen + b.length, c.length);
        return out;
    }

    /**
     * Overwrites {@code file} with {@code bytes} in place (write, then cut to length): replacing a file by truncating
     * it first makes ext4 flush it on close, about 100 times slower over thousands of inputs.
     */
    public static void write(Path file, byte[] bytes) throws java.io.IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b, b.position());
            ch.truncate(bytes.length);
        }
    }

    /** Boundary values (0, -1, 2^31, 2^32 + 768, Long.MAX_VALUE...) or a small random one. */
    public static long interestingLong(Random rnd) {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(64) - 8 : INTERESTING_LONGS[rnd.nextInt(INTERESTING_LONGS.length)];
    }

    @SafeVarargs
    public static <T> T pick(Random rnd, T... options) { return options[rnd.nextInt(options.length)]; }

    /** A random JSON value: numbers (integral, fractional, huge), strings, booleans, null, arrays, objects. */
    public static JsonNode randomJson(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> F.numberNode(interestingLong(rnd));
            case 1 -> F.numberNode(rnd.nextGaussian() * 1000);
            case 2 -> F.numberNode(new java.math.BigInteger(80, rnd));
            case 3 -> F.textNode(pick(rnd, "", "F32", "768", "x", "\u00e9\u0000"));
            case 4 -> F.booleanNode(rnd.nextBoolean());
            case 5 -> F.nullNode();
            case 6 -> F.numberNode(pick(rnd, 768.9, -0.0, Double.MAX_VALUE, 1e-300));
            case 7 -> {
                ArrayNode a = F.arrayNode();
                for (int i = rnd.nextInt(4); i > 0; i--) a.add(randomJson(rnd, depth - 1));
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = rnd.nextInt(3); i > 0; i--) o.set(pick(rnd, "dtype", "shape", "data_offsets", "k"), randomJson(rnd, depth - 1));
                yield o;
            }
        };
    }

    /** Outcomes of a fuzz suite: successes, clear errors by kind, and anything else (a failure of the suite). */
    public static final class Tally {
        private final String suite;
        private int accepted, rejected;
        private final TreeMap<String, Integer> kinds = new TreeMap<>();
        private final List<String> escapes = new ArrayList<>();

        public Tally(String suite) { this.suite = suite; }

        /** Runs one input: success, or a WeightsException naming {@code file} (its path or its name). */
        public void run(int input, Path file, Runnable action) {
            try {
                action.run();
                accepted++;
            } catch (WeightsException e) {
                rejected++;
                String msg = String.valueOf(e.getMessage());
                String name = file.getFileName().toString().replaceFirst("\\..*", "");
                if (!msg.contains(name)) escapes.add("input " + input + ": message does not name the file: " + msg);
                kinds.merge(kind(msg, file), 1, Integer::sum);
            } catch (AssertionError a) { // the suite's own oracle: the reader accepted what it must refuse
                escapes.add("input " + input + ": " + a.getMessage());
            } catch (Throwable t) { // anything else, OutOfMemoryError and StackOverflowError included
                escapes.add("input " + input + ": " + t + " at " + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?"));
            }
        }

        /** The message without paths, names and numbers: what kind of error it is. */
        private static String kind(String msg, Path file) {
            String k = msg.replace(file.getParent().toString(), "").replaceAll("'[^']*'", "'…'")
                    .replaceAll("0x[0-9a-fA-F]+", "0x…").replaceAll("-?\\d+", "N").replaceAll("\\[[^\\]]*\\]", "[…]");
            return k.length() > 90 ? k.substring(0, 90) : k;
        }

        /** {@link #check(int, int)} expecting at least five kinds of error. */
        public void check(int inputs) { check(inputs, 5); }

        /** Asserts no input escaped, and that the suite reached both outcomes and several checks; prints the tally. */
        public void check(int inputs, int minKinds) {
            System.out.printf("%s fuzz: %d inputs, %d read fine, %d refused (%d kinds of error)%n",
                    suite, inputs, accepted, rejected, kinds.size());
            if (Boolean.getBoolean("fuzz.verbose")) kinds.forEach((k, n) -> System.out.printf("  %5d  %s%n", n, k));
            if (!escapes.isEmpty()) {
                fail(suite + ": " + escapes.size() + " inputs escaped the readers' own errors, e.g.\n  "
                        + String.join("\n  ", escapes.subList(0, Math.min(10, escapes.size()))));
            }
            assertTrue(accepted + rejected == inputs, "every input ran");
            assertTrue(rejected > inputs / 20 && kinds.size() >= minKinds, suite + ": the mutations should reach many checks: " + kinds);
        }
    }
}
