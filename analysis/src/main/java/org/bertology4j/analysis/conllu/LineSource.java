package org.bertology4j.analysis.conllu;

import java.io.IOException;

/** One line at a time, without its line end; null at the end (a {@code BufferedReader} or strict UTF-8 bytes). */
interface LineSource {
    String next() throws IOException;
}
