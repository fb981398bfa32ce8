package org.bertology4j.analysis.attribution;

import java.util.Arrays;

/**
 * Attention flow (Abnar and Zuidema 2020, section 2): the layers as a flow network, token i of layer n linked to
 * token j of layer n-1 with capacity Â_n[i][j] ({@link ResidualAttention}); the flow from input token j to token i of
 * layer n is the maximum flow from node (n, i) to node (0, j). Unlike rollout, which multiplies the maps (every path
 * counts, weighted by its product), flow takes the bottleneck of the paths, so it is at most 1 and at least the
 * largest single path's minimum capacity. Computed exactly with Dinic's algorithm, once per (output, input) pair:
 * O(T²) max-flows on a graph of (n+1)·T nodes and n·T² edges. Immutable result.
 */
public final class AttentionFlow {
    private final double[][] flow;   // [output token][input token]
    private final int layer;

    private AttentionFlow(double[][] flow, int layer) {
        this.flow = flow;
        this.layer = layer;
    }

    /** Flow from every input token to every token after the top layer. */
    public static AttentionFlow of(ResidualAttention attention) {
        return of(attention, attention.layers());
    }

    /** Flow from every input token to every token after layer {@code n} (1-based). */
    public static AttentionFlow of(ResidualAttention attention, int n) {
        if (n < 1 || n > attention.layers()) throw new IndexOutOfBoundsException("layer " + n + " not in [1, " + attention.layers() + "]");
        int t = attention.tokens();
        Network net = new Network(attention, n);
        double[][] f = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) f[i][j] = net.maxFlow(net.node(n, i), net.node(0, j));
        }
        return new AttentionFlow(f, n);
    }

    /**
     * The flow maps into every layer, [L][T][T] ({@code [n]} = {@code of(attention, n + 1).map()}): L times the work of
     * one layer's map on networks of growing depth, about L/2 times the top layer's cost.
     */
    public static double[][][] intoEveryLayer(ResidualAttention attention) {
        double[][][] maps = new double[attention.layers()][][];
        for (int n = 1; n <= maps.length; n++) maps[n - 1] = of(attention, n).flow;
        return maps;
    }

    /** The layer whose tokens the flows reach. */
    public int layer() { return layer; }

    /** The flow map [output token][input token], a copy. */
    public double[][] map() {
        double[][] c = new double[flow.length][];
        for (int i = 0; i < c.length; i++) c[i] = flow[i].clone();
        return c;
    }

    /** The flow from input token {@code j} into output token {@code i}. */
    public double at(int i, int j) { return flow[i][j]; }

    /** The layered network in adjacency arrays (edge e and its reverse e^1), and Dinic's max-flow on it. */
    static final class Network {
        private static final double EPS = 1e-12;
        private final int tokens, nodes;
        private final int[] head, next, to;
        private final double[] capacity, residual;
        private final int[] level, cursor, queue;

        Network(ResidualAttention a, int layers) {
            tokens = a.tokens();
            nodes = (layers + 1) * tokens;
            int edges = 2 * layers * tokens * tokens;
            head = new int[nodes];
            Arrays.fill(head, -1);
            next = new int[edges];
            to = new int[edges];
            capacity = new double[edges];
            residual = new double[edges];
            int e = 0;
            for (int n = layers; n >= 1; n--) {
                for (int i = 0; i < tokens; i++) {
                    for (int j = 0; j < tokens; j++) {
                        double c = a.at(n - 1, i, j);
                        e = add(e, node(n, i), node(n - 1, j), c);
                    }
                }
            }
            level = new int[nodes];
            cursor = new int[nodes];
            queue = new int[nodes];
        }

        int node(int layer, int token) { return layer * tokens + token; }

        private int add(int e, int u, int v, double c) {
            to[e] = v; capacity[e] = c; next[e] = head[u]; head[u] = e;
            to[e + 1] = u; capacity[e + 1] = 0; next[e + 1] = head[v]; head[v] = e + 1;
            return e + 2;
        }

        double maxFlow(int s, int t) {
            System.arraycopy(capacity, 0, residual, 0, capacity.length);
            double total = 0;
            while (levels(s, t)) {
                System.arraycopy(head, 0, cursor, 0, nodes);
                for (double f; (f = push(s, t, Double.MAX_VALUE)) > EPS; ) total += f;
            }
            return total;
        }

        private boolean levels(int s, int t) {
            Arrays.fill(level, -1);
            int qh = 0, qt = 0;
            queue[qt++] = s;
            level[s] = 0;
            while (qh < qt) {
                int u = queue[qh++];
                for (int e = head[u]; e >= 0; e = next[e]) {
                    if (residual[e] > EPS && level[to[e]] < 0) {
                        level[to[e]] = level[u] + 1;
                        queue[qt++] = to[e];
                    }
                }
            }
            return level[t] >= 0;
        }

        private double push(int u, int t, double limit) {
            if (u == t) return limit;
            for (; cursor[u] >= 0; cursor[u] = next[cursor[u]]) {
                int e = cursor[u], v = to[e];
                if (residual[e] > EPS && level[v] == level[u] + 1) {
                    double f = push(v, t, Math.min(limit, residual[e]));
                    if (f > EPS) {
                        residual[e] -= f;
                        residual[e ^ 1] += f;
                        return f;
                    }
                }
            }
            return 0;
        }
    }
}
