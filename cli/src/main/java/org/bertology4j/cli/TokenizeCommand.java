package org.bertology4j.cli;

import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.EncodingJson;
import org.bertology4j.weights.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code tokenize}: pieces, ids, segments, offsets and word indices of a text as JSON. */
@Command(name = "tokenize", description = "Tokenize a text (or a pair) with the model's vocabulary; prints JSON.")
public final class TokenizeCommand implements Callable<Integer> {
    @Mixin ModelOption model;

    @Parameters(paramLabel = "TEXT", description = "The text.")
    String text;

    @Option(names = "--pair", paramLabel = "TEXT", description = "Second segment of a pair.")
    String pair;

    @Override
    public Integer call() {
        ModelDirectory dir = model.open();
        BertTokenizer tok = BertTokenizer.fromModelDirectory(dir.path());
        Encoding e = pair == null ? tok.encode(text) : tok.encodePair(text, pair);
        System.out.println(Json.toString(EncodingJson.of(e)));
        return 0;
    }

}
