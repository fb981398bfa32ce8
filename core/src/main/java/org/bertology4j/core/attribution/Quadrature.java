package org.bertology4j.core.attribution;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

import java.util.Locale;

/**
 * A rule for ∫₀¹ f(α) dα ≈ Σ_k w_k f(α_k): the path integral of integrated gradients. Gauss-Legendre is exact for
 * polynomials of degree 2m−1 and converges fastest on smooth paths; the Riemann sums are what most toolkits offer.
 *
 * @param name    e.g. {@code gauss-legendre}, {@code riemann-trapezoid}
 * @param nodes   α_k in [0, 1]
 * @param weights w_k, summing to 1
 */
public record Quadrature(String name, double[] nodes, double[] weights) {
    /** The Riemann sums of captum's integrated gradients. */
    public enum Riemann { LEFT, RIGHT, MIDDLE, TRAPEZOID }

    public Quadrature {
        if (nodes.length == 0 || nodes.length != weights.length) {
            throw new IllegalArgumentException("quadrature needs as many weights as nodes (at least one), got "
                    + nodes.length + " nodes and " + weights.length + " weights");
        }
        nodes = nodes.clone();
        weights = weights.clone();
    }

    @Override public double[] nodes() { return nodes.clone(); }

    @Override public double[] weights() { return weights.clone(); }

    /** Number of points (gradient evaluations). */
    public int steps() { return nodes.length; }

    /** m-point Gauss-Legendre on [0, 1] (commons-math's nodes and weights). */
    public static Quadrature gaussLegendre(int m) {
        checkSteps(m, 1);
        GaussIntegrator g = new GaussIntegratorFactory().legendre(m, 0, 1);
        double[] x = new double[m], w = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = g.getPoint(i);
            w[i] = g.getWeight(i);
        }
        return new Quadrature("gauss-legendre", x, w);
    }

    /** A Riemann sum with {@code m} points (trapezoid: m points including both ends, m ≥ 2). */
    public static Quadrature riemann(int m, Riemann kind) {
        checkSteps(m, kind == Riemann.TRAPEZOID ? 2 : 1);
        double[] x = new double[m], w = new double[m];
        for (int k = 0; k < m; k++) {
            switch (kind) {
                case LEFT -> { x[k] = (double) k / m; w[k] = 1.0 / m; }
                case RIGHT -> { x[k] = (double) (k + 1) / m; w[k] = 1.0 / m; }
                case MIDDLE -> { x[k] = (k + 0.5) / m; w[k] = 1.0 / m; }
                case TRAPEZOID -> { x[k] = (double) k / (m - 1); w[k] = (k == 0 || k == m - 1 ? 0.5 : 1.0) / (m - 1); }
            }
        }
        return new Quadrature("riemann-" + kind.name().toLowerCase(Locale.ROOT), x, w);
    }

    /**
     * A rule by name: {@code gauss-legendre}, {@code riemann-left}, {@code riemann-right}, {@code riemann-middle},
     * {@code riemann-trapezoid}.
     */
    public static Quadrature of(String name, int m) {
        if ("gauss-legendre".equals(name)) return gaussLegendre(m);
        for (Riemann r : Riemann.values()) {
            if (("riemann-" + r.name().toLowerCase(Locale.ROOT)).equals(name)) return riemann(m, r);
        }
        throw new IllegalArgumentException("unknown quadrature '" + name
                + "' (gauss-legendre, riemann-left, riemann-right, riemann-middle, riemann-trapezoid)");
    }

    private static void checkSteps(int m, int min) {
        if (m < min) throw new IllegalArgumentException("quadrature needs at least " + min + " steps, got " + m);
        if (m > 10_000) throw new IllegalArgumentException("quadrature with " + m + " steps: at most 10000");
    }

    @Override
    public String toString() { return name + " (" + nodes.length + " steps)"; }
}
