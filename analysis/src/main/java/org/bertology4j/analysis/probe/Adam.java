package org.bertology4j.analysis.probe;

/** Adam (Kingma and Ba) on a flat parameter vector, default betas 0.9 / 0.999, epsilon 1e-8. */
final class Adam {
    final double lr;
    private final double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    final double[] m, v;
    long t;

    Adam(int size, double lr) {
        this.lr = lr;
        this.m = new double[size];
        this.v = new double[size];
    }

    void step(double[] params, double[] grad) {
        t++;
        double c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
        for (int i = 0; i < params.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * grad[i];
            v[i] = b2 * v[i] + (1 - b2) * grad[i] * grad[i];
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }
}
