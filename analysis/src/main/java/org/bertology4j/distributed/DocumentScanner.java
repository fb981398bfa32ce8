package org.bertology4j.distributed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the documents of a corpus file in one sequential pass over its bytes, without parsing sentences: the driver
 * of a distributed run only needs where each document starts, so that workers can read their own documents.
 *
 * <p>CoNLL-U: a document starts at the first line of the block (lines between blank lines) that holds a comment
 * whose key starts with {@code newdoc}, as {@link org.bertology4j.analysis.conllu.ConlluReader} decides. Text: a
 * document is a run of non-blank lines. Lines end with {@code \n} ({@code \r\n} works too); "blank" means only
 * ASCII white space. A leading byte order mark is skipped, as the readers do.
 */
public final class DocumentScanner {
    private DocumentScanner() {}

    /** The documents of {@code in} (read to its end, not closed), in file order; empty documents are dropped. */
    public static List<DocumentSpan> scan(InputStream in, CorpusFormat format) throws IOException {
        return format == CorpusFormat.CONLLU ? new ConlluScan().run(in) : new TextScan().run(in);
    }

    /** Reads lines as bytes, handing each line's offset, number and first bytes to {@link #line}. */
    private abstract static class LineScan {
        final List<DocumentSpan> docs = new ArrayList<>();
        long docStart = -1, docLine;
        int docSentences;

        List<DocumentSpan> run(InputStream raw) throws IOException {
            InputStream in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
            long offset = 0, lineNo = 0, lineStart = 0;
            in.mark(3);
            byte[] first = in.readNBytes(3);
            if (first.length == 3 && (first[0] & 0xff) == 0xEF && (first[1] & 0xff) == 0xBB && (first[2] & 0xff) == 0xBF) {
                offset = lineStart = 3; // a byte order mark: the first document starts after it
            } else {
                in.reset();
            }
            byte[] head = new byte[64]; // the line's first non-blank bytes (enough to recognise "# newdoc")
            int headLen = 0;
            boolean blank = true;
            int b;
            while ((b = in.read()) != -1) {
                offset++;
                if (b == '\n') {
                    line(lineStart, ++lineNo, blank, head, headLen);
                    lineStart = offset;
                    headLen = 0;
                    blank = true;
                    continue;
                }
                if (blank && isBlank(b)) continue;
                blank = false;
                if (headLen < head.length) head[headLen++] = (byte) b;
            }
            if (offset > lineStart) line(lineStart, ++lineNo, blank, head, headLen);
            endDocument(offset);
            return docs;
        }

        abstract void line(long start, long lineNo, boolean blank, byte[] head, int headLen);

        void startDocument(long start, long lineNo) {
            endDocument(start);
            docStart = start;
            docLine = lineNo;
            docSentences = 0;
        }

        void endDocument(long end) {
            if (docStart >= 0 && docSentences > 0) docs.add(new DocumentSpan(docStart, end, docLine, docSentences));
            docStart = -1;
        }

        static boolean isBlank(int b) { return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B; }
    }

    private static final class ConlluScan extends LineScan {
        private long blockStart = -1, blockLine;
        private boolean blockHasWords, blockStartsDocument;

        @Override
        void line(long start, long lineNo, boolean blank, byte[] head, int headLen) {
            if (blank) {
                endBlock();
                return;
            }
            if (blockStart < 0) {
                blockStart = start;
                blockLine = lineNo;
            }
            if (head[0] == '#') {
                if (isNewdoc(head, headLen)) blockStartsDocument = true;
            } else {
                blockHasWords = true;
            }
        }

        private void endBlock() {
            if (blockStart < 0) return;
            // The text before the first newdoc is a document of its own (the reader yields it as one).
            if (blockStartsDocument || docStart < 0) startDocument(blockStart, blockLine);
            if (blockHasWords) docSentences++;
            blockStart = -1;
            blockHasWords = blockStartsDocument = false;
        }

        @Override
        void endDocument(long end) {
            // End of input inside a block (no final blank line): close the block first.
            if (blockStart >= 0 && blockStart < end) endBlock();
            super.endDocument(end);
        }

        private static boolean isNewdoc(byte[] head, int len) {
            int i = 1;
            while (i < len && isBlank(head[i])) i++;
            byte[] key = {'n', 'e', 'w', 'd', 'o', 'c'};
            if (len - i < key.length) return false;
            for (int k = 0; k < key.length; k++) if (head[i + k] != key[k]) return false;
            return true;
        }
    }

    private static final class TextScan extends LineScan {
        @Override
        void line(long start, long lineNo, boolean blank, byte[] head, int headLen) {
            if (blank) {
                endDocument(start);
                return;
            }
            if (docStart < 0) startDocument(start, lineNo);
            docSentences++;
        }
    }
}
