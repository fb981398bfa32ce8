package org.bertology4j.cli;

import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.weights.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tokenize}: pieces, ids, segments, offsets and word indices of a text as JSON. */
@Command(name = "tokenize", description = "Tokenize a text (or a pair) with the model's vocabulary; prints JSON.")
public final class TokenizeCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Parameters(paramLabel = "TEXT", description = "The text.")
    String text;

    @Option(names = "--pair", paramLabel = "TEXT", description = "Second segment of a pair.")
    String pair;

    @Override
    public Integer call() {
        ModelDirectory dir = model.open();
        BertTokenizer tok = BertTokenizer.fromModelDirectory(dir.path());
        Encoding e = pair == null ? tok.encode(text) : tok.encodePair(text, pair);
        System.out.println(Json.toString(toJson(e)));
        return 0;
    }

    /** The JSON view of an encoding used by every command that writes tokens.json. */
    static Map<String, Object> toJson(Encoding e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pieces", e.pieces());
        m.put("ids", e.ids());
        m.put("segment_ids", e.segmentIds());
        m.put("word_index", e.wordIndex());
        m.put("offsets", e.offsets());
        m.put("words", e.words());
        m.put("truncated", e.truncated());
        return m;
    }
}
