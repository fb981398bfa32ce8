package org.bertology4j.examples;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;

import java.nio.file.Path;

/**
 * Exact DeepLIFT of a masked-LM logit to every layer's tokens against a [PAD] reference, with the completeness
 * residual (the scores of each layer add up to the logit's change). Usage: {@code DeepLiftPerLayer [MODEL]}.
 */
public final class DeepLiftPerLayer {
    public static void main(String[] args) {
        Path dir = Models.resolve(args);
        BertModel model = BertModel.load(dir);
        BertTokenizer tokenizer = BertTokenizer.fromModelDirectory(dir);
        Encoding enc = tokenizer.encode("The capital of France is [MASK].");
        int mask = java.util.Arrays.asList(enc.pieces()).indexOf("[MASK]");
        Attribution a = new DeepLift(model).attribute(BertInput.of(enc), Reference.pad(),
                Target.maskedLm(mask, tokenizer.vocabulary().id("paris")));
        System.out.printf("logit %.4f, reference %.4f, relative residual %.2e%n", a.targetInput(), a.targetReference(),
                a.relativeResidual());
        for (int n = 0; n <= a.numLayers(); n++) {
            StringBuilder row = new StringBuilder(String.format("h_%-2d", n));
            for (int t = 0; t < a.length(); t++) row.append(String.format(" %s=%+.3f", enc.pieces()[t], a.layerScores()[n][t]));
            System.out.println(row);
        }
    }
}
