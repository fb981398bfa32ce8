package org.bertology4j.viewer;

import org.bertology4j.analysis.attribution.AttentionAttribution;
import org.bertology4j.analysis.attribution.AttentionFlow;
import org.bertology4j.analysis.attribution.ResidualAttention;
import org.bertology4j.analysis.attribution.ValueNormAttention;
import org.bertology4j.analysis.maskedlm.FillMask;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page of one input on the tiny model: flow and DeepLIFT when asked, the default target from fill-mask, and the
 * attention-based maps equal to what the library classes (and so the attribute command) compute.
 */
class InputViewTest {
    @TempDir
    Path tmp;
    final BertModel model;
    final BertTokenizer tokenizer;

    InputViewTest() throws Exception {
        model = TinyModelDirectory.shared().model();
        tokenizer = TinyModelDirectory.shared().tokenizer();
    }

    @Test
    void aMaskedTextGetsFlowAndDeepLiftOfItsTopPrediction() throws Exception {
        String text = "The capital of France is [MASK].";
        ViewerData d = InputView.of(model, tokenizer).withModel("tiny", "abc").data(text, null);
        String top = FillMask.predict(model, tokenizer.vocabulary(), tokenizer.encode(text), 1).top().token();
        assertTrue(d.settings().get("DeepLIFT target").startsWith("mlm:mask:" + top + " against a [PAD] reference, delta "),
                d.settings().toString());
        assertEquals(text, d.settings().get("text"));
        assertNotNull(d.gradientFlow());
        assertEquals(2, d.gradientFlowFromInput().length);
        assertEquals(3, d.deepLift().length);
        assertEquals("tiny", d.modelName());
        Path html = InputView.of(model, tokenizer).write(tmp.resolve("page.html"), text, null);
        assertTrue(Files.readString(html).contains("\"settings\""));
    }

    @Test
    void withoutFlowOrMaskThereIsNeither() {
        ViewerData d = InputView.of(model, tokenizer).withFlow(false).data("Who wrote it?", "Jane did.");
        assertNull(d.gradientFlow());
        assertNull(d.deepLift());
        assertEquals("Jane did.", d.settings().get("pair"));
        ViewerData c = InputView.of(model, tokenizer).withFlow(false).withDeepLiftTarget("mlm:1:paris").data("Who wrote it?", null);
        assertTrue(c.settings().get("DeepLIFT target").startsWith("mlm:1:paris against"), c.settings().toString());
    }

    @Test
    void attentionMapsAreTheLibraryClassesOutputs() throws Exception {
        String text = "Who wrote the letter?", pair = "Jane did.";
        ViewerData d = InputView.of(model, tokenizer).withFlow(false).withMaps(List.of(AttentionAttribution.Method.values()))
                .data(text, pair);
        Encoding enc = tokenizer.encodePair(text, pair);
        int t = enc.length(), layers = model.config().numHiddenLayers(), heads = model.config().numAttentionHeads();
        // the attribute command's numbers: rollout after each layer, flow into the top layer, value-norm heads mixed
        AttentionAttribution files = AttentionAttribution.compute(model, enc, List.of(AttentionAttribution.Method.values()));
        ForwardTrace trace = model.forward(BertInput.of(enc), TraceOptions.builder().keepAttention().keepHiddenStates().build());
        ResidualAttention a = ResidualAttention.of(trace, 0, t);
        double[][][][] perHead = ValueNormAttention.perHead(model, trace, 0, t);
        assertEquals(layers, d.rollout().length);
        assertEquals(heads, d.valueNorm()[0].length);
        for (int n = 0; n < layers; n++) {
            double[][] flow = AttentionFlow.of(a, n + 1).map();
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    String at = "layer " + n + " [" + i + "][" + j + "]";
                    assertEquals((float) files.rollout()[n][i][j], d.rollout()[n][i][j], at);
                    assertEquals((float) flow[i][j], d.attentionFlow()[n][i][j], at);
                    assertEquals((float) files.valueNorm()[n][i][j], d.valueNormMixed()[n][i][j], at);
                    for (int h = 0; h < heads; h++) assertEquals((float) perHead[n][h][i][j], d.valueNorm()[n][h][i][j], at + " head " + h);
                }
            }
        }
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) assertEquals((float) files.flow()[0][i][j], d.attentionFlow()[layers - 1][i][j]);
        }
        String html = Files.readString(InputView.of(model, tokenizer).withFlow(false).withMaps(List.of(AttentionAttribution.Method.ROLLOUT))
                .write(tmp.resolve("maps.html"), text, pair));
        assertTrue(html.contains("\"id\":\"rollout\""), "rollout measure missing from the page");
        assertFalse(html.contains("\"id\":\"flow\"") || html.contains("\"id\":\"value-norm\""), "maps not asked for are on the page");
        assertNull(InputView.of(model, tokenizer).withFlow(false).data(text, null).rollout(), "maps are opt-in");
    }
}
