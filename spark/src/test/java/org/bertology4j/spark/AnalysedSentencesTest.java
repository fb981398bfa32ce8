package org.bertology4j.spark;

import org.bertology4j.distributed.Slice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark runner's rate counts the sentences a sampling analysis runs on, not all it reads. */
class AnalysedSentencesTest {
    @Test
    void countsTheMultiplesOfKInEachSlice() {
        // corpus sentences 0-9 and 10-14 (the second slice capped at 5 of its 8)
        List<Slice> slices = List.of(new Slice(0, 0, 100, 1, 2, 10, -1, 0), new Slice(1, 100, 200, 40, 1, 8, 5, 10));
        assertEquals(15, SparkCorpusRunner.analysedSentences(slices, 1));
        assertEquals(4 + 1, SparkCorpusRunner.analysedSentences(slices, 3));   // 0, 3, 6, 9 | 12
        assertEquals(1 + 1, SparkCorpusRunner.analysedSentences(slices, 11));  // 0 | 11
        assertEquals(1 + 0, SparkCorpusRunner.analysedSentences(slices, 15));  // 0 | none of 10-14
    }
}
