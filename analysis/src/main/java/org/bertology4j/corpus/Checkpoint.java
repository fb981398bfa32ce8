package org.bertology4j.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An accumulator's JSON state saved atomically to one file, tagged with the run's identity (command, input,
 * model, options) so that a re-run resumes only the same run. File layout:
 * {@code {"kind": "bertology4j-checkpoint", "identity": {...}, "done": units, "complete": bool, "state": {...}}}.
 */
public final class Checkpoint {
    static final String KIND = "bertology4j-checkpoint";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A loaded checkpoint: units done, whether the run had finished, and the accumulator state. */
    public record Saved(long done, boolean complete, JsonNode state) {}

    private final Path file;
    private final JsonNode identity;

    /**
     * @param file     checkpoint file (e.g. {@code DIR/heads.checkpoint.json})
     * @param identity what must match for a resume (command, input file, model, options)
     */
    public Checkpoint(Path file, JsonNode identity) {
        this.file = file;
        // normalized through text so that it compares equal to the parsed file (Jackson's LongNode(1) != IntNode(1))
        try {
            this.identity = MAPPER.readTree(MAPPER.writeValueAsString(identity));
        } catch (IOException e) {
            throw new IllegalArgumentException("identity is not serializable JSON", e);
        }
    }

    public Path file() { return file; }

    /**
     * The saved state, or empty when there is no checkpoint file.
     *
     * @throws IOException              if the file cannot be read or parsed (the message names it)
     * @throws IllegalStateException    if it belongs to another run (different identity): delete it or use
     *                                  another output directory
     */
    public Optional<Saved> load() throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !KIND.equals(root.path("kind").asText())) {
            throw new IOException("checkpoint " + file + " is not a bertology4j checkpoint (kind=" + (root == null ? "none" : root.path("kind").asText()) + ")");
        }
        if (!identity.equals(root.get("identity"))) {
            throw new IllegalStateException("checkpoint " + file + " belongs to another run and is not resumed: "
                    + differences(root.get("identity"), identity) + "; delete it or choose another --out directory");
        }
        if (!root.has("state") || !root.has("done")) throw new IOException("checkpoint " + file + " has no state/done field");
        return Optional.of(new Saved(root.get("done").asLong(), root.path("complete").asBoolean(false), root.get("state")));
    }

    /** What differs between a saved identity and this run's, field by field ("input_sha256: 1f2e... there, 9a8b... now"). */
    static String differences(JsonNode saved, JsonNode current) {
        Set<String> keys = new TreeSet<>();
        if (saved != null) saved.fieldNames().forEachRemaining(keys::add);
        current.fieldNames().forEachRemaining(keys::add);
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            JsonNode a = saved == null ? null : saved.get(k), b = current.get(k);
            if (Objects.equals(a, b)) continue;
            out.add(k + " " + (a == null ? "absent" : a.toString()) + " in the checkpoint, " + (b == null ? "absent" : b.toString()) + " in this run");
        }
        return out.isEmpty() ? "its identity differs" : String.join("; ", out);
    }

    /** Saves the state atomically (a reader sees either the previous or the new checkpoint, never a mix). */
    public void save(long done, boolean complete, JsonNode state) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", KIND);
        root.set("identity", identity);
        root.put("done", done);
        root.put("complete", complete);
        root.set("state", state);
        AtomicFiles.writeString(file, MAPPER.writeValueAsString(root) + "\n");
    }
}
