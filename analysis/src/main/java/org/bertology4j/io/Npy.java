package org.bertology4j.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format version 1.0, little-endian float32, C order), written atomically.
 * NumPy reads them with {@code np.load}.
 */
public final class Npy {
    private Npy() {}

    /** Writes float32 data of the given shape; {@code data.length} must equal the product of the shape. */
    public static void writeFloat32(Path file, long[] shape, float[] data) throws IOException {
        long n = 1;
        for (long s : shape) n *= s;
        if (n != data.length) {
            throw new IllegalArgumentException("npy " + file + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values but " + data.length + " were given");
        }
        byte[] header = header("<f4", shape);
        AtomicFiles.write(file, out -> {
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
            out.write(buf.array(), 0, buf.position());
        });
    }

    static byte[] header(String descr, long[] shape) {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) s.append(", ");
        }
        s.append("), }");
        // magic(6) + version(2) + len(2) + dict + '\n' padded so data starts on a 64-byte boundary
        int unpadded = 10 + s.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        s.append(" ".repeat(pad)).append('\n');
        byte[] dict = s.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) dict.length).put(dict);
        return b.array();
    }

    /** A float32 array read back from an .npy file written by {@link #writeFloat32}. */
    public record Float32Array(long[] shape, float[] data) {}

    /** Reads a little-endian float32 C-order .npy file. */
    public static Float32Array readFloat32(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DataInputStream d = new DataInputStream(in)) {
            byte[] magic = d.readNBytes(8);
            if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new IOException(file + ": not an .npy file");
            }
            int len = Short.toUnsignedInt(Short.reverseBytes(d.readShort()));
            String dict = new String(d.readNBytes(len), StandardCharsets.US_ASCII);
            if (!dict.contains("'<f4'") || dict.contains("'fortran_order': True")) {
                throw new IOException(file + ": only little-endian float32 C-order arrays are supported, header " + dict.trim());
            }
            Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(dict);
            if (!m.find()) throw new IOException(file + ": no shape in header " + dict.trim());
            long[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            long n = 1;
            for (long s : shape) n *= s;
            byte[] raw = d.readNBytes(Math.toIntExact(n * 4));
            if (raw.length != n * 4) throw new IOException(file + ": truncated data (" + raw.length + " of " + n * 4 + " bytes)");
            float[] out = new float[(int) n];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return new Float32Array(shape, out);
        }
    }
}
