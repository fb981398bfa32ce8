package org.bertology4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.LoadOptions;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.WeightsException;
import org.bertology4j.weights.safetensors.SafetensorsReader;
import org.bertology4j.weights.safetensors.SafetensorsWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Model directories and training checkpoints in the native format: a Hugging Face
 * {@code BertForSequenceClassification} directory ({@code config.json} with {@code num_labels},
 * {@code id2label}, {@code label2id}; {@code model.safetensors}; {@code vocab.txt} and {@code tokenizer_config.json})
 * or a {@code BertForQuestionAnswering} one ({@code qa_outputs.*}), as the {@link TrainingHead} says. A checkpoint adds
 * {@code optimizer.safetensors} (AdamW moments under {@code exp_avg.<parameter>} / {@code exp_avg_sq.<parameter>},
 * engine layout) and {@code trainer_state.json} (step, seed, hyper-parameters, labels). Every directory is
 * written under a temporary name and renamed into place, so a crash never leaves a half-written checkpoint.
 */
public final class Checkpoints {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String OPTIMIZER = "optimizer.safetensors", STATE = "trainer_state.json";

    private Checkpoints() {}

    /** config.json text of a classifier with named labels. */
    public static String configJson(BertConfig config, List<String> labels) throws IOException {
        ObjectNode o = (ObjectNode) JSON.readTree(config.toJson());
        if (labels != null && !labels.isEmpty()) {
            ObjectNode id2label = o.putObject("id2label"), label2id = o.putObject("label2id");
            for (int i = 0; i < labels.size(); i++) {
                id2label.put(String.valueOf(i), labels.get(i));
                label2id.put(labels.get(i), i);
            }
            o.put("problem_type", labels.size() == 1 ? "regression" : "single_label_classification");
        }
        return JSON.writeValueAsString(o);
    }

    /** Label names from a config.json's {@code id2label}, in index order (empty when absent). */
    public static List<String> labels(Path configJson) throws IOException {
        JsonNode n = JSON.readTree(configJson.toFile()).path("id2label");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.has(String.valueOf(i))) throw new IOException(configJson + ": id2label has no entry " + i);
            out.add(n.get(String.valueOf(i)).asText());
        }
        return out;
    }

    /**
     * Header metadata in the order given. Not {@code Map.of}: its iteration order is salted per JVM start, so the
     * header's bytes, and the file's hash, flipped between two values from run to run with identical weights.
     */
    static Map<String, String> metadata(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /**
     * Writes the files of a model directory into {@code dir} (which must exist); the tokenizer's
     * {@code tokenizer_config.json} beside {@code vocab} goes with it, so that a cased model stays cased.
     */
    static void writeModelFiles(Path dir, ModelParameters params, TrainingHead head, Path vocab) throws IOException {
        Files.writeString(dir.resolve("config.json"), head.configJson(params.model().config()), StandardCharsets.UTF_8);
        SafetensorsWriter.write(dir.resolve("model.safetensors"), params.toHuggingFaceTensors(),
                metadata("format", "pt", "written_by", "bertology4j"));
        if (vocab != null) {
            Files.copy(vocab, dir.resolve("vocab.txt"), StandardCopyOption.REPLACE_EXISTING);
            Path tokenizerConfig = vocab.resolveSibling(TOKENIZER_CONFIG);
            if (Files.isRegularFile(tokenizerConfig)) {
                Files.copy(tokenizerConfig, dir.resolve(TOKENIZER_CONFIG), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    /**
     * Writes a model directory at {@code target} atomically (built next to it, then renamed; an existing
     * directory is replaced).
     *
     * @param head  the head the parameters were trained with (decides {@code config.json})
     * @param vocab vocab.txt to copy (with the tokenizer_config.json beside it), or null
     */
    public static void writeModel(Path target, ModelParameters params, TrainingHead head, Path vocab) throws IOException {
        writeAtomically(target, dir -> writeModelFiles(dir, params, head, vocab));
    }

    /**
     * Writes the model files into the existing or new directory {@code dir}, next to what it already holds (results,
     * a {@code checkpoints/} folder): each file is built in a temporary folder inside it and renamed over its old
     * version, so a crash leaves every file whole (old or new).
     */
    public static void writeModelInto(Path dir, ModelParameters params, TrainingHead head, Path vocab) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(dir, ".model.tmp-");
        try {
            writeModelFiles(tmp, params, head, vocab);
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Path to = dir.resolve(f.getFileName().toString());
                    try {
                        Files.move(f, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(f, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } finally {
            deleteTree(tmp);
        }
    }

    /** Writes a full checkpoint (model, optimizer, trainer state) at {@code target}, atomically. */
    static void writeCheckpoint(Path target, ModelParameters params, AdamW optimizer, ObjectNode state,
                                TrainingHead head, Path vocab) throws IOException {
        writeAtomically(target, dir -> {
            writeModelFiles(dir, params, head, vocab);
            List<Tensor> opt = new ArrayList<>();
            for (int i = 0; i < params.list().size(); i++) {
                String n = params.list().get(i).name();
                opt.add(ModelParameters.tensor("exp_avg." + n, optimizer.firstMoments().get(i)));
                opt.add(ModelParameters.tensor("exp_avg_sq." + n, optimizer.secondMoments().get(i)));
            }
            SafetensorsWriter.write(dir.resolve(OPTIMIZER), opt, metadata("optimizer", "AdamW", "steps",
                    String.valueOf(optimizer.steps())));
            Files.writeString(dir.resolve(STATE), JSON.writeValueAsString(state), StandardCharsets.UTF_8);
        });
    }

    /** Loads a model (any head) from a directory (config.json + model.safetensors; vocab.txt not needed). */
    public static BertModel loadModel(Path dir, LoadOptions options) {
        BertConfig cfg = BertConfig.read(dir.resolve("config.json"));
        try (SafetensorsReader r = SafetensorsReader.open(dir.resolve("model.safetensors"))) {
            return BertModel.fromTensors(cfg, r, options);
        }
    }

    /** Reads the trainer state of a checkpoint. */
    static JsonNode readState(Path dir) throws IOException {
        Path f = dir.resolve(STATE);
        if (!Files.isRegularFile(f)) throw new IOException("checkpoint " + dir + " has no " + STATE);
        return JSON.readTree(f.toFile());
    }

    /** Restores AdamW moments from a checkpoint, checking every parameter is present with its shape. */
    static void readOptimizer(Path dir, ModelParameters params, AdamW optimizer, long steps) {
        Path f = dir.resolve(OPTIMIZER);
        if (!Files.isRegularFile(f)) throw new WeightsException("checkpoint " + dir + " has no " + OPTIMIZER);
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            List<INDArray> m = new ArrayList<>(), v = new ArrayList<>();
            for (Parameter p : params.list()) {
                m.add(array(r, "exp_avg." + p.name(), p.value()));
                v.add(array(r, "exp_avg_sq." + p.name(), p.value()));
            }
            optimizer.restore(steps, m, v);
        }
    }

    private static INDArray array(SafetensorsReader r, String name, INDArray like) {
        if (!r.names().contains(name)) throw new WeightsException(r.description() + " has no tensor '" + name + "'");
        Tensor t = r.get(name).requireShape(like.shape());
        INDArray a = like.dataType() == DataType.DOUBLE ? Nd4j.create(t.toDoubles(), like.shape(), 'c')
                : Nd4j.create(t.toFloats(), like.shape(), 'c');
        return a;
    }

    /** The newest {@code step-N} checkpoint under {@code checkpointsDir}, or null. */
    public static Path latest(Path checkpointsDir) throws IOException {
        if (!Files.isDirectory(checkpointsDir)) return null;
        try (Stream<Path> s = Files.list(checkpointsDir)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d+") && Files.isRegularFile(p.resolve(STATE)))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(5))))
                    .orElse(null);
        }
    }

    interface DirWriter { void write(Path dir) throws IOException; }

    private static void writeAtomically(Path target, DirWriter writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
            writer.write(tmp);
            Path old = null;
            if (Files.exists(target)) {
                old = parent.resolve("." + target.getFileName() + ".old-" + System.nanoTime());
                move(target, old);
            }
            move(tmp, target);
            if (old != null) deleteTree(old);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
