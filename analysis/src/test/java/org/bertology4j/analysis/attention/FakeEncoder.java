package org.bertology4j.analysis.attention;

import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.List;

/** Test encoder: lowercases and cuts each word into chunks of at most {@code chunk} characters ("##" continuations). */
public final class FakeEncoder implements SentenceEncoder {
    private final int chunk;

    public FakeEncoder(int chunk) { this.chunk = chunk; }

    @Override
    public Encoding encode(List<String> words) {
        List<String> pieces = new ArrayList<>();
        List<Integer> wi = new ArrayList<>();
        pieces.add("[CLS]"); wi.add(-1);
        for (int w = 0; w < words.size(); w++) {
            String s = words.get(w).toLowerCase();
            for (int k = 0; k < s.length(); k += chunk) {
                pieces.add((k == 0 ? "" : "##") + s.substring(k, Math.min(s.length(), k + chunk)));
                wi.add(w);
            }
        }
        pieces.add("[SEP]"); wi.add(-1);
        int t = pieces.size();
        int[] ids = new int[t], mask = new int[t], w = new int[t];
        int[][] off = new int[t][2];
        for (int i = 0; i < t; i++) { ids[i] = Math.abs(pieces.get(i).hashCode() % 30000); mask[i] = 1; w[i] = wi.get(i); }
        return new Encoding(ids, pieces.toArray(String[]::new), new int[t], mask, off, w, List.copyOf(words), false);
    }
}
