package org.bertology4j.viewer;

import org.bertology4j.analysis.maskedlm.FillMask;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page of one input on the tiny model: flow and DeepLIFT when asked, the default target from fill-mask. */
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
}
