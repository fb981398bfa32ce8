package org.bertology4j.analysis.qa.train;

import org.bertology4j.analysis.qa.SquadAnswer;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windows with a stride, answers mapped to pieces and back to the context's characters, on text with accents and punctuation. */
class QaWindowsTest {
    static final String CONTEXT = "In 1801, Zoë moved to Zürich's old café “Les Amis” (near the Limmat) — it was naïve, "
            + "perhaps; Évora-born Ana O'Neill, aged 34½, ran it until 2003. The café closed after a fire.";

    static BertTokenizer tokenizer() throws Exception { return TinyModelDirectory.shared().tokenizer(); }

    static SquadQuestion question(String id, String q, String answer) {
        int at = CONTEXT.indexOf(answer);
        if (at < 0) throw new IllegalArgumentException(answer);
        return new SquadQuestion(id, q, List.of(new SquadAnswer(answer, SquadParagraph.codePointOffset(CONTEXT, at))), false, List.of());
    }

    @Test
    void answersMapToPiecesAndBackToTheExactCharacters() throws Exception {
        SquadParagraph p = new SquadParagraph(CONTEXT, List.of());
        QaWindows w = new QaWindows(tokenizer(), 512, 128, 64);
        for (String answer : List.of("Zürich's old café", "“Les Amis”", "naïve", "Évora-born Ana O'Neill", "34½", "Zoë",
                "(near the Limmat)", "2003", "a fire")) {
            List<QaWindow> windows = w.windows(question("q", "Who ran the café?", answer), p);
            assertEquals(1, windows.size(), "one window holds this context");
            QaWindow win = windows.get(0);
            assertTrue(win.holdsAnswer(), answer);
            assertEquals(answer, CONTEXT.substring(win.charStarts()[win.spanStart()], win.charEnds()[win.spanEnd()]), answer);
            assertTrue(win.inContext(win.spanStart()) && win.inContext(win.spanEnd()));
        }
        QaWindow win = w.windows(question("q", "Who ran the café?", "Zoë"), p).get(0);
        assertEquals("[CLS]", win.pieces()[0]);
        assertEquals("[SEP]", win.pieces()[win.contextStart() - 1]);
        assertEquals("[SEP]", win.pieces()[win.length() - 1]);
        assertEquals(0, win.segmentIds()[win.contextStart() - 1]);
        assertEquals(1, win.segmentIds()[win.contextStart()]);
        assertEquals(1, win.segmentIds()[win.length() - 1]);
        assertFalse(win.inContext(0) || win.inContext(win.contextStart() - 1) || win.inContext(win.length() - 1));
        assertEquals("zoe", win.pieces()[win.spanStart()], "lower-cased and accent-stripped piece, original characters");
    }

    @Test
    void stridedWindowsCoverTheContextAndMarkEachPieceOnceAsMaxContext() throws Exception {
        BertTokenizer tok = tokenizer();
        int nc = tok.tokenize(CONTEXT).size(), nq = tok.tokenize("Who ran it?").size();
        QaWindows w = new QaWindows(tok, nq + 3 + 12, 5, 64);   // 12 context pieces per window, a new one every 5
        List<QaWindow> windows = w.windows("q", "Who ran it?", CONTEXT);
        assertTrue(windows.size() > 5, "a long context in many windows: " + windows.size());
        int[] maxCount = new int[CONTEXT.length()];
        int covered = 0;
        for (int k = 0; k < windows.size(); k++) {
            QaWindow win = windows.get(k);
            assertEquals(k, win.index());
            assertTrue(win.length() <= nq + 3 + 12);
            int first = win.contextStart(), n = win.length() - first - 1;
            for (int i = first; i < first + n; i++) {
                if (win.maxContext()[i]) maxCount[win.charStarts()[i]]++;
            }
            covered = Math.max(covered, win.charEnds()[first + n - 1]);
            if (k > 0) {
                // the window starts 5 pieces after the previous one
                assertEquals(windows.get(k - 1).charStarts()[first + 5], win.charStarts()[first]);
            }
            assertEquals(0, win.spanStart());
        }
        assertEquals(CONTEXT.length(), covered, "the last window reaches the end of the context");
        int marked = 0;
        for (int c : maxCount) {
            assertTrue(c <= 1);
            marked += c;
        }
        assertEquals(nc, marked, "every context piece has its maximum context in exactly one window");
    }

    @Test
    void anAnswerAcrossAWindowEdgeIsOnlyATargetWhereItIsWhole() throws Exception {
        BertTokenizer tok = tokenizer();
        String q = "Who ran it?";
        int nq = tok.tokenize(q).size();
        QaWindows w = new QaWindows(tok, nq + 3 + 12, 5, 64);
        String answer = "Évora-born Ana O'Neill";   // 8 pieces: some windows cut it
        List<QaWindow> windows = w.windows(question("q", q, answer), new SquadParagraph(CONTEXT, List.of()));
        int whole = 0, cut = 0;
        int at = CONTEXT.indexOf(answer), end = at + answer.length();
        for (QaWindow win : windows) {
            int first = win.contextStart(), last = win.length() - 2;
            boolean startsIn = win.charStarts()[first] <= at && at < win.charEnds()[last];
            boolean endsIn = win.charStarts()[first] < end && end <= win.charEnds()[last];
            if (startsIn && endsIn) {
                whole++;
                assertTrue(win.holdsAnswer());
                assertEquals(answer, CONTEXT.substring(win.charStarts()[win.spanStart()], win.charEnds()[win.spanEnd()]));
            } else {
                if (startsIn || endsIn) cut++;
                assertEquals(0, win.spanStart(), "a window holding part of the answer targets [CLS]");
                assertEquals(0, win.spanEnd());
            }
        }
        assertTrue(whole >= 1 && cut >= 1, "whole " + whole + ", cut " + cut);
    }

    @Test
    void unanswerableQuestionsTargetClsAndLongQuestionsAreCut() throws Exception {
        QaWindows w = new QaWindows(tokenizer(), 64, 16, 4);
        SquadQuestion none = new SquadQuestion("n", "Who founded the café in the old town of Zürich?", List.of(), true, List.of());
        List<QaWindow> windows = w.windows(none, new SquadParagraph(CONTEXT, List.of()));
        for (QaWindow win : windows) {
            assertEquals(0, win.spanStart());
            assertEquals(4 + 2, win.contextStart(), "[CLS], 4 question pieces, [SEP]");
            assertArrayEquals(new int[]{0, 0}, new int[]{win.spanStart(), win.spanEnd()});
            assertEquals(win.trainingExample().length(), win.length());
        }
        assertThrows(IllegalArgumentException.class, () -> new QaWindows(tokenizer(), 4, 4, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QaWindows(tokenizer(), 10, 4, 8).windows(none, new SquadParagraph(CONTEXT, List.of())));
        assertTrue(e.getMessage().contains("question 'n'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new QaWindows(tokenizer(), 64, 0, 8));
    }
}
