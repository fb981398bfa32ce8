package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The sentences of a document stream, in order (documents are read one at a time). */
final class DocumentSentences {
    private DocumentSentences() {}

    static Iterator<Sentence> of(Iterator<Document> documents) {
        return new Iterator<>() {
            Iterator<Sentence> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && documents.hasNext()) current = documents.next().sentences().iterator();
                return current.hasNext();
            }

            @Override
            public Sentence next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
    }
}
