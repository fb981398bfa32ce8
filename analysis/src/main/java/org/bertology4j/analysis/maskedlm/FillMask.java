package org.bertology4j.analysis.maskedlm;

import org.bertology4j.core.heads.MaskedLmHead;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The masked-LM head's top predictions for every [MASK] of one input (core's {@link BertModel#fillMask}), with
 * the pieces named:
 *
 * <pre>{@code
 * FillMask f = FillMask.predict(model, tokenizer.vocabulary(), tokenizer.encode("Paris is the [MASK] of France."), 5);
 * f.predictions().get(0).get(0).token();   // "capital"
 * }</pre>
 *
 * @param positions   the piece positions of the [MASK]s, in order
 * @param predictions for each of them, the best {@code k} first; a list of {@link Prediction}s serializes to JSON
 *                    as {@code {"token", "id", "probability"}} objects
 */
public record FillMask(int[] positions, List<List<Prediction>> predictions) {

    /** One prediction: the piece, its id and its softmax probability over the vocabulary. */
    public record Prediction(String token, int id, double probability) {}

    /**
     * One forward pass over {@code encoding} and the {@code k} most probable pieces at each [MASK].
     *
     * @throws IllegalArgumentException when the input has no [MASK]
     */
    public static FillMask predict(BertModel model, Vocabulary vocab, Encoding encoding, int k) {
        int maskId = vocab.maskId();
        int[] positions = IntStream.range(0, encoding.length()).filter(i -> encoding.ids()[i] == maskId).toArray();
        if (positions.length == 0) throw new IllegalArgumentException("the text has no [MASK] token: " + encoding.words());
        ForwardTrace trace = model.forward(BertInput.of(encoding));
        List<List<Prediction>> out = new ArrayList<>();
        for (int pos : positions) {
            List<Prediction> preds = new ArrayList<>();
            for (MaskedLmHead.Prediction p : model.fillMask(trace, 0, pos, k)) {
                preds.add(new Prediction(vocab.token(p.tokenId()), p.tokenId(), p.probability()));
            }
            out.add(List.copyOf(preds));
        }
        return new FillMask(positions, List.copyOf(out));
    }

    /** The best prediction at the first [MASK]. */
    public Prediction top() { return predictions.get(0).get(0); }
}
