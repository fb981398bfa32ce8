package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bertology4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * All information-flow results.
 *
 * @param layers        number of layers
 * @param sentencesSeen sentences consumed
 * @param skipped       sentences without maps
 * @param coref         {@code flow-coref}
 * @param pos           {@code flow-pos}
 * @param deps          {@code flow-deps}
 * @param correlation   attention vs gradient correlation per sentence
 * @param findings      the study's per-layer claims read off these results (peaks, layer of the largest open-class lead)
 */
public record FlowReport(int layers, long sentencesSeen, long skipped, CorefFlowResult coref, PosFlowResult pos,
                         DependencyFlowResult deps, AttentionGradientCorrelation.Result correlation, FlowFindings findings) {

    /** Pretty JSON (NaN written as the string "NaN"). */
    public String toJson() {
        try {
            return FlowAccumulator.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize flow report", e);
        }
    }

    /** Writes the JSON atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }
}
