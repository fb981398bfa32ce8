package org.bertology4j.corpus;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** The first {@code n} elements of an iterator ({@code n < 0}: all of them). */
public final class Limited {
    private Limited() {}

    public static <T> Iterator<T> of(Iterator<T> it, long n) {
        if (n < 0) return it;
        return new Iterator<>() {
            long taken;

            @Override
            public boolean hasNext() { return taken < n && it.hasNext(); }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                taken++;
                return it.next();
            }
        };
    }

    public static <T> Iterable<T> of(Iterable<T> it, long n) { return () -> of(it.iterator(), n); }
}
