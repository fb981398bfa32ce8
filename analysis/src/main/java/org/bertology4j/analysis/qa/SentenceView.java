package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.conllu.Word;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sentence as the question generator reads it: the dependency tree (0-based word indices, children in order) and
 * each word's character span in the sentence's text ({@code # text}, or the forms joined by their
 * {@code SpaceAfter=No} marks when the sentence has no text comment).
 *
 * <p>The words are aligned left to right: each word's form must follow the previous one after optional white space.
 * A sentence whose text does not spell its words that way (a multiword token whose words are not substrings of it)
 * is left unaligned ({@link #aligned()} false) and gives no answers, rather than guessed offsets.
 */
final class SentenceView {
    final Sentence sentence;
    final List<Word> words;
    final String text;
    private final int[] head;
    private final List<List<Integer>> children;
    private final int[] start, end;
    private final boolean aligned;

    SentenceView(Sentence sentence) {
        this.sentence = sentence;
        this.words = sentence.words();
        int n = words.size();
        head = new int[n];
        children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) children.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            head[i] = words.get(i).head() - 1;
            if (head[i] >= 0) children.get(head[i]).add(i);
        }
        this.text = sentence.text() != null ? sentence.text() : joinForms(words);
        start = new int[n];
        end = new int[n];
        aligned = align();
    }

    private static String joinForms(List<Word> words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            sb.append(words.get(i).form());
            if (i + 1 < words.size() && !"No".equals(words.get(i).miscValue("SpaceAfter"))) sb.append(' ');
        }
        return sb.toString();
    }

    private boolean align() {
        int pos = 0;
        for (int i = 0; i < words.size(); i++) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
            String form = words.get(i).form();
            if (!text.startsWith(form, pos)) {
                Arrays.fill(start, -1);
                Arrays.fill(end, -1);
                return false;
            }
            start[i] = pos;
            end[i] = pos + form.length();
            pos = end[i];
        }
        return true;
    }

    /** Whether every word was found at its place in the text. */
    boolean aligned() { return aligned; }

    int size() { return words.size(); }

    Word word(int i) { return words.get(i); }

    /** 0-based head of word {@code i}, -1 for the root. */
    int head(int i) { return head[i]; }

    List<Integer> children(int i) { return children.get(i); }

    /** Character offset of word {@code i} in {@link #text} (UTF-16 index). */
    int start(int i) { return start[i]; }

    /** Character offset just after word {@code i}. */
    int end(int i) { return end[i]; }

    /** Whether word {@code i} is directly followed by word {@code i + 1} without white space in the text. */
    boolean joinedToNext(int i) {
        if (i + 1 >= words.size()) return false;
        if (aligned) return end[i] == start[i + 1];
        return "No".equals(words.get(i).miscValue("SpaceAfter"));
    }

    /** The text from the start of word {@code first} to the end of word {@code last}. */
    String span(int first, int last) { return text.substring(start[first], end[last]); }

    /** Word {@code i} and all its descendants, in sentence order. */
    int[] subtree(int i) {
        List<Integer> out = new ArrayList<>();
        collect(i, out);
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private void collect(int i, List<Integer> out) {
        out.add(i);
        for (int c : children.get(i)) collect(c, out);
    }

    /** The first child of {@code i} with relation {@code deprel}, or -1. */
    int child(int i, String deprel) {
        for (int c : children.get(i)) if (words.get(c).deprel().equals(deprel)) return c;
        return -1;
    }

    /** The first word that is not punctuation (where a capital letter only marks the sentence start), or -1. */
    int firstContentWord() {
        for (int i = 0; i < words.size(); i++) if (!isPunct(i)) return i;
        return -1;
    }

    boolean isPunct(int i) {
        return words.get(i).upos().equals("PUNCT");
    }

    /** Whether the indices (sorted) form one run of consecutive words. */
    static boolean contiguous(int[] sorted) {
        return sorted.length > 0 && sorted[sorted.length - 1] - sorted[0] == sorted.length - 1;
    }
}
