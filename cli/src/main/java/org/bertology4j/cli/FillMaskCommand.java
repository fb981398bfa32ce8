package org.bertology4j.cli;

import org.bertology4j.analysis.maskedlm.FillMask;
import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code fill-mask}: the masked-LM head's top predictions for every [MASK] in a text. */
@Command(name = "fill-mask", description = "Print the top predictions of the masked-LM head for each [MASK] in the text.")
public final class FillMaskCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;

    @Option(names = "--text", required = true, description = "Text with one or more [MASK] tokens.")
    String text;

    @Option(names = "--top", defaultValue = "5", description = "How many predictions per mask (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        LoadedModel m = LoadedModel.open(modelOption);
        Encoding enc = m.tokenizer().encode(text);
        FillMask f = FillMask.predict(m.model(), m.tokenizer().vocabulary(), enc, top);
        for (int k = 0; k < f.positions().length; k++) {
            System.out.println("[MASK] at piece " + f.positions()[k] + ":");
            for (FillMask.Prediction p : f.predictions().get(k)) System.out.printf("  %-15s %.4f%n", p.token(), p.probability());
        }
        return 0;
    }
}
