package org.bertology4j.examples;

import org.bertology4j.analysis.attention.AttentionResult;
import org.bertology4j.analysis.deeplift.DeepLiftResult;
import org.bertology4j.analysis.deeplift.DeepLiftTargets;
import org.bertology4j.analysis.flow.PieceFlowResult;
import org.bertology4j.analysis.maskedlm.FillMask;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Vocabulary;
import org.bertology4j.viewer.InputView;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one input that {@code attention}, {@code flow}, {@code deeplift} and {@code view} write, from Java:
 * attention and hidden states, A/G/G* flow, DeepLIFT of the top fill-mask prediction, and the offline viewer page.
 * Usage: {@code OneInputFiles OUT [MODEL]}.
 */
public final class OneInputFiles {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]), dir = Models.resolve(java.util.Arrays.copyOfRange(args, 1, args.length));
        BertModel model = BertModel.load(dir);
        BertTokenizer tokenizer = BertTokenizer.fromModelDirectory(dir);
        Vocabulary vocab = tokenizer.vocabulary();
        String text = "The capital of France is [MASK].";
        Encoding enc = tokenizer.encode(text);

        String top = FillMask.predict(model, vocab, enc, 1).top().token();           // the best piece at the [MASK]
        List<Path> files = new ArrayList<>(AttentionResult.compute(model, enc).write(out.resolve("attention"), true));
        files.addAll(PieceFlowResult.compute(model, enc, JacobianNorms.Measure.ONES_VJP).write(out.resolve("flow"), true));
        DeepLiftResult why = DeepLiftResult.compute(model, vocab, enc, DeepLiftTargets.parse("mlm:mask:" + top, enc, vocab),
                Reference.pad());
        files.addAll(why.write(out.resolve("deeplift")));
        files.add(InputView.of(model, tokenizer).write(out.resolve("view.html"), text, null));
        System.out.printf("top prediction '%s', DeepLIFT delta %.4f (relative residual %.1e)%n", top,
                why.attribution().delta(), why.attribution().relativeResidual());
        files.forEach(f -> System.out.println("wrote " + f));
    }
}
