package org.bertology4j.cli;

import org.bertology4j.analysis.qa.train.QaWindows;
import org.bertology4j.analysis.qa.train.SpanDecoder;
import org.bertology4j.tokenizer.BertTokenizer;
import picocli.CommandLine.Option;

/** The windows and the best-span decoding of the question-answering commands ({@code finetune-qa}, {@code qa}, {@code qa-study}). */
final class QaWindowOptions {
    @Option(names = "--max-seq-length", defaultValue = "192", description = "Longest window in pieces. Default: ${DEFAULT-VALUE}.") int maxSeqLength;
    @Option(names = "--doc-stride", defaultValue = "64", description = "Pieces between window starts. Default: ${DEFAULT-VALUE}.") int docStride;
    @Option(names = "--max-query-length", defaultValue = "64", description = "Longest question in pieces (cut beyond). Default: ${DEFAULT-VALUE}.") int maxQueryLength;
    @Option(names = "--n-best", defaultValue = "20", description = "Candidates kept in decoding. Default: ${DEFAULT-VALUE}.") int nBest;
    @Option(names = "--max-answer-length", defaultValue = "30", description = "Longest answer in pieces. Default: ${DEFAULT-VALUE}.") int maxAnswerLength;
    @Option(names = "--null-threshold", defaultValue = "0.0",
            description = "Predict no answer when the null score exceeds the best span's by more. Default: ${DEFAULT-VALUE}.") double nullThreshold;

    /** The windows, at most as long as the model's positions. */
    QaWindows windows(BertTokenizer tokenizer, int maxPositions) {
        return new QaWindows(tokenizer, Math.min(maxSeqLength, maxPositions), docStride, maxQueryLength);
    }

    SpanDecoder decoder() { return new SpanDecoder(nBest, maxAnswerLength, nullThreshold); }
}
