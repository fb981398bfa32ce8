package org.bertology4j.analysis.qa;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQuAD 1.1 and 2.0 JSON: read into records, written back unchanged, and every malformed entry named. */
class SquadReaderTest {
    // "😀" is one code point but two UTF-16 chars: SQuAD's answer_start (Python) counts it once
    private static final String V2 = """
            {"version": "v2.0", "data": [{"title": "Paris", "paragraphs": [{
              "context": "😀 Paris lies on the Seine.",
              "qas": [
                {"id": "q1", "question": "Where is Paris?", "answers": [{"text": "the Seine", "answer_start": 16}], "is_impossible": false},
                {"id": "q2", "question": "Where is Rome?", "answers": [], "is_impossible": true,
                 "plausible_answers": [{"text": "Paris", "answer_start": 2}]}
              ]}]}]}
            """;

    @TempDir
    Path tmp;

    @Test
    void readsSquad2WithCodePointOffsets() throws Exception {
        SquadDataset d = read(V2, "v2.json");
        assertEquals("v2.0", d.version());
        SquadParagraph p = d.articles().get(0).paragraphs().get(0);
        SquadQuestion q1 = p.questions().get(0), q2 = p.questions().get(1);
        assertEquals(new SquadAnswer("the Seine", 16), q1.answers().get(0));
        assertEquals(17, p.charIndex(q1.answers().get(0)), "one more UTF-16 char than code points before it");
        assertEquals("the Seine", p.context().substring(17, 26));
        assertTrue(q1.hasAnswer() && !q1.impossible());
        assertTrue(q2.impossible() && !q2.hasAnswer());
        assertEquals(List.of(new SquadAnswer("Paris", 2)), q2.plausibleAnswers());
        assertEquals(16, SquadParagraph.codePointOffset(p.context(), 17));
    }

    @Test
    void readsSquad11WithoutIsImpossibleAndSeveralAnswers() throws Exception {
        String v11 = """
                {"version": "1.1", "data": [{"title": "T", "paragraphs": [{"context": "In 1990 it rained.",
                  "qas": [{"id": "a", "question": "When?", "answers": [{"text": "1990", "answer_start": 3},
                                                                          {"text": "In 1990", "answer_start": 0}]}]}]}]}
                """;
        SquadQuestion q = read(v11, "v11.json").questions().findFirst().orElseThrow();
        assertFalse(q.impossible());
        assertEquals(2, q.answers().size());
    }

    @Test
    void writesWhatItReads() throws Exception {
        SquadDataset d = read(V2, "v2.json");
        Path file = tmp.resolve("out.json");
        SquadWriter.write(file, d);
        assertEquals(d, SquadReader.readFile(file));
        String text = Files.readString(file);
        assertTrue(text.contains("\"is_impossible\" : true") && text.contains("\"plausible_answers\""), text);
        SquadDataset v11 = new SquadDataset("1.1", d.articles());
        SquadWriter.write(file, v11);
        assertFalse(Files.readString(file).contains("is_impossible"), "SQuAD 1.1 has no is_impossible");
    }

    @Test
    void anAnswerNotAtItsOffsetNamesFileAndQuestion() {
        String bad = V2.replace("\"answer_start\": 16", "\"answer_start\": 15");
        SquadFormatException e = assertThrows(SquadFormatException.class, () -> read(bad, "dev.json"));
        assertEquals("dev.json: question 'q1' (article 1 'Paris', paragraph 1): answers[0] 'the Seine' does not match"
                + " the context at answer_start 15 (' the Sein')", e.getMessage());
        assertEquals("q1", e.questionId());
        assertEquals("dev.json", e.file());
    }

    @Test
    void lenientReadingDropsAnswersNotAtTheirOffsetAndSaysSo() throws Exception {
        String bad = V2.replace("\"answer_start\": 16", "\"answer_start\": 15");
        SquadReader reader = SquadReader.lenient();
        SquadDataset d = reader.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "dev.json");
        assertEquals(List.of("q2"), d.questions().map(SquadQuestion::id).toList(), "q1 lost its only answer");
        assertEquals(2, reader.problems().size());
        assertTrue(reader.problems().get(0).startsWith("dev.json: question 'q1' (article 1 'Paris', paragraph 1): answer dropped"),
                reader.problems().get(0));
    }

    @Test
    void malformedEntriesAreNamed() {
        assertMessage(V2.replace("\"id\": \"q2\"", "\"id\": \"q1\""), "question 'q1' (article 1 'Paris', paragraph 1): the id is used by another question before");
        assertMessage(V2.replace("\"is_impossible\": true", "\"is_impossible\": false"), "question 'q2' (article 1 'Paris', paragraph 1): no answers but \"is_impossible\" is false");
        assertMessage(V2.replace("\"is_impossible\": false", "\"is_impossible\": true"), "question 'q1' (article 1 'Paris', paragraph 1): \"is_impossible\" is true but the question has answers");
        assertMessage(V2.replace("\"answer_start\": 16", "\"answer_start\": \"16\""), "question 'q1' (article 1 'Paris', paragraph 1): answers[0].answer_start is not an integer: \"16\"");
        assertMessage(V2.replace("\"answer_start\": 16", "\"answer_start\": 40"), "answers[0] 'the Seine' at answer_start 40 runs outside the context (26 characters)");
        assertMessage(V2.replace("\"context\"", "\"text\""), "f.json: article 1 'Paris', paragraph 1: has no \"context\"");
        assertMessage(V2.replace("\"data\"", "\"articles\""), "f.json: no \"data\" array at the top level (not SQuAD JSON)");
        assertMessage("{\"data\": [", "f.json:1:");
        assertMessage(V2.replace("\"question\": \"Where is Rome?\", ", ""), "question 'q2' (article 1 'Paris', paragraph 1): has no \"question\"");
    }

    @Test
    void predictionsAreAnObjectOfStrings() throws Exception {
        Path file = Files.writeString(tmp.resolve("pred.json"), "{\"q1\": \"the Seine\", \"q2\": \"\"}");
        assertEquals("", SquadReader.readPredictions(file).get("q2"));
        Files.writeString(file, "{\"q1\": 3}");
        SquadFormatException e = assertThrows(SquadFormatException.class, () -> SquadReader.readPredictions(file));
        assertEquals("pred.json: the prediction for question 'q1' is not a string: 3", e.getMessage());
        Path na = Files.writeString(tmp.resolve("na.json"), "{\"q1\": 0.25}");
        assertEquals(0.25, SquadReader.readNoAnswerProbabilities(na).get("q1"));
        assertNull(SquadReader.readNoAnswerProbabilities(na).get("q2"));
    }

    private static void assertMessage(String json, String expected) {
        SquadFormatException e = assertThrows(SquadFormatException.class, () -> read(json, "f.json"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static SquadDataset read(String json, String name) throws Exception {
        return SquadReader.strict().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), name);
    }
}
