package org.bertology4j.cli;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.tokenizer.Encoding;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code fill-mask}: the masked-LM head's top predictions for every [MASK] in a text. */
@Command(name = "fill-mask", description = "Print the top predictions of the masked-LM head for each [MASK] in the text.")
public final class FillMaskCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Option(names = "--text", required = true, description = "Text with one or more [MASK] tokens.")
    String text;

    @Option(names = "--top", defaultValue = "5", description = "How many predictions per mask (default ${DEFAULT-VALUE}).")
    int top;

    /** One prediction: the piece, its id and its softmax probability. */
    public record Prediction(String token, int id, double probability) {}

    @Override
    public Integer call() {
        LoadedModel m = LoadedModel.open(modelOption);
        Encoding enc = m.tokenizer().encode(text);
        List<List<Prediction>> all = predict(m, enc, top);
        int maskId = m.tokenizer().vocabulary().id("[MASK]");
        int k = 0;
        for (int pos = 0; pos < enc.length(); pos++) {
            if (enc.ids()[pos] != maskId) continue;
            System.out.println("[MASK] at piece " + pos + ":");
            for (Prediction p : all.get(k++)) System.out.printf("  %-15s %.4f%n", p.token(), p.probability());
        }
        return 0;
    }

    /** Top-k predictions for each [MASK] of the encoding, in order of position. */
    static List<List<Prediction>> predict(LoadedModel m, Encoding enc, int k) {
        int maskId = m.tokenizer().vocabulary().id("[MASK]");
        int[] positions = IntStream.range(0, enc.length()).filter(i -> enc.ids()[i] == maskId).toArray();
        if (positions.length == 0) throw new IllegalArgumentException("the text has no [MASK] token: " + enc.words());
        ForwardTrace trace = m.model().forward(BertInput.of(enc));
        List<List<Prediction>> out = new ArrayList<>();
        for (int pos : positions) {
            double[] logits = m.model().maskedLmLogits(trace, 0, pos).castTo(DataType.DOUBLE).toDoubleVector();
            double max = java.util.Arrays.stream(logits).max().orElseThrow();
            double z = 0;
            for (double l : logits) z += Math.exp(l - max);
            final double logZ = max + Math.log(z);
            List<Prediction> preds = IntStream.range(0, logits.length).boxed()
                    .sorted(Comparator.comparingDouble(i -> -logits[i])).limit(k)
                    .map(i -> new Prediction(m.tokenizer().vocabulary().token(i), i, Math.exp(logits[i] - logZ)))
                    .toList();
            out.add(preds);
        }
        return out;
    }
}
