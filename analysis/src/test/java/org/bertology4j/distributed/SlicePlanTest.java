package org.bertology4j.distributed;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlicePlanTest {
    /** Documents with the given sentence counts, 100 bytes per sentence, 1 line per sentence. */
    static List<DocumentSpan> docs(int... sentences) {
        List<DocumentSpan> out = new ArrayList<>();
        long at = 0, line = 1;
        for (int s : sentences) {
            out.add(new DocumentSpan(at, at + 100L * s, line, s));
            at += 100L * s;
            line += s;
        }
        return out;
    }

    @Test
    void slicesAreContiguousCoverEverythingAndAreBalanced() {
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(40);
            int[] sizes = new int[n];
            for (int i = 0; i < n; i++) sizes[i] = 1 + r.nextInt(50);
            List<DocumentSpan> d = docs(sizes);
            int partitions = 1 + r.nextInt(10);
            List<Slice> plan = SlicePlan.plan(d, partitions, -1, CorpusAnalysis.Unit.SENTENCE);
            assertEquals(Math.min(partitions, n), plan.size(), "slices");
            long total = 0, docsSeen = 0;
            for (int i = 0; i < plan.size(); i++) {
                Slice s = plan.get(i);
                assertEquals(i, s.index());
                assertEquals(i == 0 ? 0 : plan.get(i - 1).end(), s.start(), "contiguous");
                assertTrue(s.documents() > 0, "no empty slice");
                assertEquals(-1, s.sentenceCap());
                assertEquals(d.get((int) docsSeen).firstLine(), s.firstLine());
                assertEquals(total, s.firstSentence(), "sentences before the slice");
                docsSeen += s.documents();
                total += s.sentences();
            }
            assertEquals(n, docsSeen);
            assertEquals(d.get(n - 1).end(), plan.get(plan.size() - 1).end());
            long sum = 0;
            for (int x : sizes) sum += x;
            assertEquals(sum, total);
            // Balance: no slice exceeds its share by more than its largest document (cuts fall on document bounds).
            for (Slice s : plan) assertTrue(s.sentences() <= (double) sum / plan.size() + 50 + 1e-9, "slice " + s + " of " + sum);
        }
    }

    @Test
    void documentLimitKeepsTheFirstDocuments() {
        List<Slice> plan = SlicePlan.plan(docs(5, 6, 7, 8), 2, 3, CorpusAnalysis.Unit.DOCUMENT);
        assertEquals(3, plan.stream().mapToInt(Slice::documents).sum());
        assertEquals(18, plan.stream().mapToLong(Slice::sentencesToRun).sum());
        assertEquals(1800, plan.get(plan.size() - 1).end());
    }

    @Test
    void sentenceLimitCapsTheLastSlice() {
        List<Slice> plan = SlicePlan.plan(docs(5, 6, 7, 8), 2, 14, CorpusAnalysis.Unit.SENTENCE);
        // 14 sentences: documents 1-2 (11) and 3 of document 3
        assertEquals(3, plan.stream().mapToInt(Slice::documents).sum());
        assertEquals(14, plan.stream().mapToLong(Slice::sentencesToRun).sum());
        Slice last = plan.get(plan.size() - 1);
        assertTrue(last.sentenceCap() >= 0 && last.sentenceCap() < last.sentences(), last.toString());
        for (int i = 0; i < plan.size() - 1; i++) assertEquals(-1, plan.get(i).sentenceCap());
        // a limit on a document boundary needs no cap
        List<Slice> exact = SlicePlan.plan(docs(5, 6, 7, 8), 2, 11, CorpusAnalysis.Unit.SENTENCE);
        assertEquals(11, exact.stream().mapToLong(Slice::sentencesToRun).sum());
        assertTrue(exact.stream().allMatch(s -> s.sentenceCap() == -1));
        assertEquals(List.of(), SlicePlan.plan(docs(5), 2, 0, CorpusAnalysis.Unit.SENTENCE));
        assertEquals(26, SlicePlan.plan(docs(5, 6, 7, 8), 3, 1000, CorpusAnalysis.Unit.SENTENCE).stream().mapToLong(Slice::sentencesToRun).sum());
    }

    @Test
    void badPartitionCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.plan(docs(1), 0, -1, CorpusAnalysis.Unit.SENTENCE));
    }
}
