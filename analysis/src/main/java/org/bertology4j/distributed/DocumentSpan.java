package org.bertology4j.distributed;

import java.io.Serializable;

/**
 * Where one document lies in a corpus file.
 *
 * @param start     byte offset of its first line
 * @param end       byte offset just past its last line (the next document's start, or the file size)
 * @param firstLine 1-based line number of its first line
 * @param sentences number of sentences (CoNLL-U blocks with word lines, or non-blank text lines)
 */
public record DocumentSpan(long start, long end, long firstLine, int sentences) implements Serializable {}
