package org.bertology4j.cli;

import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Option;

/** The {@code --text} / {@code --pair} input of the single-input commands (attention, flow, deeplift, view). */
public final class InputText {
    @Option(names = "--text", required = true, description = "Input text (may contain [MASK]).")
    String text;

    @Option(names = "--pair", description = "Second segment of a pair (segment id 1, e.g. a passage for question answering).")
    String pair;

    /** {@code [CLS] text [SEP]}, or {@code [CLS] text [SEP] pair [SEP]} when a pair is given. */
    Encoding encode(BertTokenizer tokenizer) {
        return encode(tokenizer, text, pair);
    }

    static Encoding encode(BertTokenizer tokenizer, String text, String pair) {
        return pair == null ? tokenizer.encode(text) : tokenizer.encodePair(text, pair);
    }
}
