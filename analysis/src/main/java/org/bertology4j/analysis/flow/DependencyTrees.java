package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.Sentence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Word-to-word distances in dependency trees: path length in the undirected tree. */
public final class DependencyTrees {
    private DependencyTrees() {}

    /** Distances in the sentence's gold tree (HEAD column). */
    public static int[][] goldDistances(Sentence s) {
        int[] heads = new int[s.size()];
        for (int i = 0; i < heads.length; i++) heads[i] = s.words().get(i).head();
        return distances(heads, s.sentId());
    }

    /**
     * Distances in a tree given by 1-based heads (0 = root), like the CoNLL-U HEAD column.
     *
     * @param label names the tree in error messages (e.g. the sentence id)
     * @throws IllegalArgumentException when the heads do not form one tree (a cycle, no root, or a head out of range)
     */
    public static int[][] distances(int[] heads, String label) {
        int n = heads.length;
        List<List<Integer>> adj = new ArrayList<>(n);
        for (int i = 0; i < n; i++) adj.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            int h = heads[i];
            if (h < 0 || h > n) throw new IllegalArgumentException("sentence " + label + ": head " + h + " of word " + (i + 1) + " out of range");
            if (h > 0) {
                adj.get(i).add(h - 1);
                adj.get(h - 1).add(i);
            }
        }
        int[][] d = new int[n][];
        for (int src = 0; src < n; src++) {
            int[] row = new int[n];
            java.util.Arrays.fill(row, -1);
            row[src] = 0;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(src);
            while (!queue.isEmpty()) {
                int u = queue.poll();
                for (int v : adj.get(u)) {
                    if (row[v] < 0) {
                        row[v] = row[u] + 1;
                        queue.add(v);
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                // n-1 edges and connected <=> a tree; a disconnected graph means a cycle or several roots
                if (row[j] < 0) throw new IllegalArgumentException("sentence " + label + ": heads do not form a tree (words "
                        + (src + 1) + " and " + (j + 1) + " are not connected)");
            }
            d[src] = row;
        }
        return d;
    }

    /**
     * Distances in the right-branching tree (each word heads the next one). The tree is a chain, so the
     * distance between words i and j is |i - j|.
     */
    public static int[][] rightBranchingDistances(int n) {
        int[] heads = new int[n];
        for (int i = 1; i < n; i++) heads[i] = i; // word i+1 (1-based) has head word i
        return distances(heads, "right-branching");
    }
}
