package org.bertology4j.analysis.qa;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads SQuAD 1.1 and 2.0 JSON ({@code {"version", "data": [{"title", "paragraphs": [{"context", "qas": [{"id",
 * "question", "answers": [{"text", "answer_start"}], "is_impossible", "plausible_answers"}]}]}]}}) into
 * {@link SquadDataset}, checking what a trainer and the evaluation rely on: the structure and types, unique question
 * ids, {@code is_impossible} agreeing with the answers, and every answer (and plausible answer) standing at its
 * {@code answer_start} in the context, counted in code points as SQuAD's Python tools do. Unknown fields are ignored;
 * {@code title} may be missing (read as ""), {@code is_impossible} too (then a question without answers is
 * unanswerable, as in the evaluation script).
 *
 * <p>Strict reading throws {@link SquadFormatException} naming the file and the question id on the first problem.
 * Lenient reading drops answers that are not at their offset (and a question left without answers that is not marked
 * impossible), and keeps a message for each in {@link #problems()}; broken structure throws in both modes.
 */
public final class SquadReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final boolean lenient;
    private final List<String> problems = new ArrayList<>();

    private SquadReader(boolean lenient) { this.lenient = lenient; }

    /** A reader that throws on the first problem. */
    public static SquadReader strict() { return new SquadReader(false); }

    /** A reader that drops answers not found at their offset and records why. */
    public static SquadReader lenient() { return new SquadReader(true); }

    /** Reads a file strictly. */
    public static SquadDataset readFile(Path file) throws IOException {
        return strict().read(file);
    }

    /** The messages of what lenient reading dropped (file and question id in each). */
    public List<String> problems() { return Collections.unmodifiableList(problems); }

    /** Reads a SQuAD JSON file. */
    public SquadDataset read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /** Reads SQuAD JSON from a stream ({@code source} names it in messages). */
    public SquadDataset read(InputStream in, String source) throws IOException {
        JsonNode root = parse(in, source);
        if (!root.isObject()) throw new SquadFormatException(source, null, source + ": the top level is not a JSON object");
        JsonNode version = root.get("version");
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new SquadFormatException(source, null, source + ": no \"data\" array at the top level (not SQuAD JSON)");
        }
        Set<String> ids = new HashSet<>();
        List<SquadArticle> articles = new ArrayList<>();
        for (int a = 0; a < data.size(); a++) {
            Place place = new Place(source, a, null, -1);
            JsonNode article = data.get(a);
            if (!article.isObject()) throw place.error("is not a JSON object");
            JsonNode titleNode = article.get("title");
            String title = titleNode == null || titleNode.isNull() ? "" : text(titleNode, place, "title");
            place = new Place(source, a, title, -1);
            JsonNode paragraphs = array(article, "paragraphs", place);
            List<SquadParagraph> ps = new ArrayList<>();
            for (int p = 0; p < paragraphs.size(); p++) {
                ps.add(paragraph(paragraphs.get(p), new Place(source, a, title, p), ids));
            }
            articles.add(new SquadArticle(title, ps));
        }
        return new SquadDataset(version == null || version.isNull() ? null : version.asText(), articles);
    }

    private SquadParagraph paragraph(JsonNode paragraph, Place place, Set<String> ids) {
        if (!paragraph.isObject()) throw place.error("is not a JSON object");
        String context = text(required(paragraph, "context", place), place, "context");
        JsonNode qas = array(paragraph, "qas", place);
        List<SquadQuestion> questions = new ArrayList<>();
        for (int q = 0; q < qas.size(); q++) {
            JsonNode qa = qas.get(q);
            if (!qa.isObject()) throw place.error("question " + (q + 1) + " is not a JSON object");
            JsonNode idNode = qa.get("id");
            if (idNode == null || !(idNode.isTextual() || idNode.isIntegralNumber()) || idNode.asText().isEmpty()) {
                throw place.error("question " + (q + 1) + " has no \"id\" (a string)");
            }
            String id = idNode.asText();
            Place at = place.question(id);
            if (!ids.add(id)) throw at.error("the id is used by another question before");
            SquadQuestion read = question(qa, id, context, at);
            if (read != null) questions.add(read);
        }
        return new SquadParagraph(context, questions);
    }

    private SquadQuestion question(JsonNode qa, String id, String context, Place at) {
        String question = text(required(qa, "question", at), at, "question");
        List<SquadAnswer> answers = answers(array(qa, "answers", at), context, at, "answers");
        JsonNode impossibleNode = qa.get("is_impossible");
        if (impossibleNode != null && !impossibleNode.isBoolean()) throw at.error("\"is_impossible\" is not true or false");
        boolean declaredAnswers = !array(qa, "answers", at).isEmpty();
        boolean impossible = impossibleNode != null ? impossibleNode.booleanValue() : !declaredAnswers;
        if (impossible && declaredAnswers) throw at.error("\"is_impossible\" is true but the question has answers");
        if (!impossible && !declaredAnswers) throw at.error("no answers but \"is_impossible\" is false");
        if (!impossible && answers.isEmpty()) {
            problems.add(at.message("question dropped: none of its answers is at its offset"));
            return null;
        }
        JsonNode plausible = qa.get("plausible_answers");
        List<SquadAnswer> plausibleAnswers = plausible == null || plausible.isNull() ? List.of()
                : answers(array(qa, "plausible_answers", at), context, at, "plausible_answers");
        return new SquadQuestion(id, question, answers, impossible, plausibleAnswers);
    }

    private List<SquadAnswer> answers(JsonNode array, String context, Place at, String field) {
        List<SquadAnswer> out = new ArrayList<>();
        int length = context.codePointCount(0, context.length());
        for (int i = 0; i < array.size(); i++) {
            JsonNode answer = array.get(i);
            String which = field + "[" + i + "]";
            if (!answer.isObject()) throw at.error(which + " is not a JSON object");
            String text = text(required(answer, "text", at, which), at, which + ".text");
            JsonNode startNode = required(answer, "answer_start", at, which);
            if (!startNode.isIntegralNumber() || !startNode.canConvertToInt()) {
                throw at.error(which + ".answer_start is not an integer: " + startNode);
            }
            int start = startNode.intValue();
            int textLength = text.codePointCount(0, text.length());
            if (start < 0 || start + textLength > length) {
                throw at.error(which + " '" + text + "' at answer_start " + start + " runs outside the context ("
                        + length + " characters)");
            }
            int from = context.offsetByCodePoints(0, start);
            String there = context.substring(from, context.offsetByCodePoints(from, textLength));
            if (!there.equals(text)) {
                String detail = which + " '" + text + "' does not match the context at answer_start " + start
                        + " ('" + there + "')";
                if (!lenient) throw at.error(detail);
                problems.add(at.message("answer dropped: " + detail));
                continue;
            }
            out.add(new SquadAnswer(text, start));
        }
        return out;
    }

    private static JsonNode parse(InputStream in, String source) throws IOException {
        try {
            return MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String where = l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
            throw new SquadFormatException(source, null, source + where + ": not valid JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            throw new SquadFormatException(source, null, source + ": not UTF-8 text: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode node, String field, Place at) {
        return required(node, field, at, null);
    }

    private static JsonNode required(JsonNode node, String field, Place at, String within) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw at.error((within == null ? "" : within + " ") + "has no \"" + field + "\"");
        return v;
    }

    private static JsonNode array(JsonNode node, String field, Place at) {
        JsonNode v = required(node, field, at);
        if (!v.isArray()) throw at.error("\"" + field + "\" is not an array");
        return v;
    }

    private static String text(JsonNode node, Place at, String field) {
        if (!node.isTextual()) throw at.error("\"" + field + "\" is not a string");
        return node.textValue();
    }

    /** Where in the file: article (0-based, shown 1-based), its title, paragraph, question id. */
    private record Place(String file, int article, String title, int paragraph, String questionId) {
        Place(String file, int article, String title, int paragraph) { this(file, article, title, paragraph, null); }

        Place question(String id) { return new Place(file, article, title, paragraph, id); }

        String message(String detail) {
            StringBuilder sb = new StringBuilder(file).append(": ");
            if (questionId != null) sb.append("question '").append(questionId).append("' (");
            sb.append("article ").append(article + 1);
            if (title != null && !title.isEmpty()) sb.append(" '").append(title).append('\'');
            if (paragraph >= 0) sb.append(", paragraph ").append(paragraph + 1);
            if (questionId != null) sb.append(')');
            return sb.append(": ").append(detail).toString();
        }

        SquadFormatException error(String detail) {
            return new SquadFormatException(file, questionId, message(detail));
        }
    }

    /**
     * Reads predictions as the evaluation script takes them: a JSON object from question id to predicted text (the
     * empty string predicts "no answer").
     */
    public static Map<String, String> readPredictions(Path file) throws IOException {
        return readMap(file, "the prediction", "a string", JsonNode::isTextual, JsonNode::textValue);
    }

    /** Reads no-answer probabilities (the script's {@code --na-prob-file}): question id to a number. */
    public static Map<String, Double> readNoAnswerProbabilities(Path file) throws IOException {
        return readMap(file, "the no-answer probability", "a number", JsonNode::isNumber, JsonNode::doubleValue);
    }

    // a JSON object from question id to a value of one kind
    private static <T> Map<String, T> readMap(Path file, String what, String kind, Predicate<JsonNode> valid,
                                              Function<JsonNode, T> value) throws IOException {
        String name = file.getFileName().toString();
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = parse(in, name);
        }
        if (!root.isObject()) throw new SquadFormatException(name, null, name + ": expected a JSON object from question id to " + kind);
        Map<String, T> out = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            if (!valid.test(e.getValue())) {
                throw new SquadFormatException(name, e.getKey(), name + ": " + what + " for question '" + e.getKey()
                        + "' is not " + kind + ": " + e.getValue());
            }
            out.put(e.getKey(), value.apply(e.getValue()));
        });
        return out;
    }
}
