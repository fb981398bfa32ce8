package org.bertology4j.cli;

import org.bertology4j.analysis.attention.ModelAttentionSource;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.viewer.ViewerData;
import org.bertology4j.viewer.ViewerPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code view}: one self-contained, offline HTML page with the head view and model view of an input. */
@Command(name = "view", description = "Write one self-contained HTML page (no network) with head view, model view "
        + "and word-level toggle for an input.")
public final class ViewCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Option(names = "--text", required = true, description = "Input text.")
    String text;

    @Option(names = "--pair", description = "Second segment of a pair.")
    String pair;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        write(m, text, pair, out);
        System.out.println("wrote " + out);
        return 0;
    }

    /** Computes everything the page shows for one input and writes the page. */
    static Path write(LoadedModel m, String text, String pair, Path out) throws java.io.IOException {
        Encoding enc = pair == null ? m.tokenizer().encode(text) : m.tokenizer().encodePair(text, pair);
        ForwardTrace trace = m.model().forward(BertInput.of(enc), TraceOptions.builder().keepAttention().build());
        ViewerData.Builder data = ViewerData.builder()
                .tokens(Arrays.asList(enc.pieces()), enc.wordIndex(), enc.words())
                .segmentIds(enc.segmentIds())
                .attention(ModelAttentionSource.attentionOf(trace, 0))
                .model(m.name(), m.weightsHash())
                .setting("text", text);
        if (pair != null) data.setting("pair", pair);
        ViewerPage.write(out, data.build());
        return out;
    }
}
