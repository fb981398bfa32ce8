package org.bertology4j.examples;

import org.bertology4j.analysis.attention.WordAttention;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;

import java.nio.file.Path;
import java.util.List;

/**
 * Word-level attention of one head (Clark et al. 4.1: attention to a word sums over its pieces, attention from a
 * word averages over them): for each word, the word that head 8-10 (the paper's direct-object head) attends to most.
 * Usage: {@code WordLevelAttention [MODEL]}.
 */
public final class WordLevelAttention {
    public static void main(String[] args) {
        Path dir = Models.resolve(args);
        BertModel model = BertModel.load(dir);
        BertTokenizer tokenizer = BertTokenizer.fromModelDirectory(dir);
        List<String> words = List.of("The", "chancellor", "signed", "the", "unprecedented", "agreement", ".");
        Encoding enc = tokenizer.encodeWords(words);
        ForwardTrace trace = model.forward(BertInput.of(enc), TraceOptions.builder().keepAttention().build());
        int layer = Math.min(7, model.config().numHiddenLayers() - 1), head = Math.min(9, model.config().numAttentionHeads() - 1);
        float[][] pieces = trace.attention(layer, 0).slice(head).toFloatMatrix();     // [T, T] of one head
        WordUnits units = WordUnits.of(enc);
        double[][] w = WordAttention.betweenWords(pieces, units);                  // [words, words], rows attend
        for (int i = 0; i < w.length; i++) {
            int best = 0;
            for (int j = 1; j < w[i].length; j++) if (w[i][j] > w[i][best]) best = j;
            System.out.printf("%-14s -> %-14s %.3f%n", words.get(i), words.get(best), w[i][best]);
        }
    }
}
