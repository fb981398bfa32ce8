package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class StatisticsTest {

    private static double[] sample(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = mean + sd * r.nextGaussian();
        return v;
    }

    @Test
    void momentsMatchCommonsMathAndMergeLikeOnePass() {
        double[] v = sample(1, 1001, 1e6, 0.5); // large offset: raw sums of squares would lose the variance
        DescriptiveStatistics ref = new DescriptiveStatistics(v);
        RunningMoments one = RunningMoments.of(v);
        assertEquals(ref.getMean(), one.mean(), 1e-9);
        assertEquals(ref.getVariance(), one.variance(), 1e-9 * ref.getVariance());

        RunningMoments a = new RunningMoments(), b = new RunningMoments();
        for (int i = 0; i < v.length; i++) (i < 377 ? a : b).add(v[i]);
        a.merge(b);
        assertEquals(one.n(), a.n());
        assertEquals(one.mean(), a.mean(), 1e-12 * Math.abs(one.mean()));
        assertEquals(one.variance(), a.variance(), 1e-9 * one.variance());
    }

    @Test
    void momentsJsonRoundTripIsExactIncludingEmpty() throws Exception {
        ObjectMapper json = new ObjectMapper();
        RunningMoments m = RunningMoments.of(0.1, 0.7, 1e-300, 3.3);
        RunningMoments back = json.readValue(json.writeValueAsString(m), RunningMoments.class);
        assertEquals(m.n(), back.n());
        assertEquals(m.mean(), back.mean(), 0.0);
        assertEquals(m.m2(), back.m2(), 0.0);
        RunningMoments empty = json.readValue(json.writeValueAsString(new RunningMoments()), RunningMoments.class);
        assertEquals(0, empty.n());
        assertTrue(Double.isNaN(empty.mean()));
        assertThrows(IllegalArgumentException.class, () -> new RunningMoments().add(Double.NaN));
    }

    @Test
    void welchMatchesCommonsMathAndSatterthwaite() {
        double[] g1 = sample(2, 40, 1.0, 1.0), g2 = sample(3, 90, 0.6, 2.5);
        WelchResult w = WelchResult.of(g1, g2);
        TTest tt = new TTest();
        assertEquals(tt.t(g1, g2), w.t(), 1e-10);
        assertEquals(tt.tTest(g1, g2), w.p(), 1e-10);
        // Welch–Satterthwaite from the textbook formula on commons-math variances
        double a = new DescriptiveStatistics(g1).getVariance() / g1.length;
        double b = new DescriptiveStatistics(g2).getVariance() / g2.length;
        double df = (a + b) * (a + b) / (a * a / (g1.length - 1) + b * b / (g2.length - 1));
        assertEquals(df, w.df(), 1e-9);
        assertTrue(df > Math.min(g1.length, g2.length) - 1 && df < g1.length + g2.length - 2);
        assertEquals(new DescriptiveStatistics(g2).getStandardDeviation(), w.sd2(), 1e-12);
    }

    @Test
    void welchIsNaNWhenUndefined() {
        WelchResult w = WelchResult.of(new double[]{1}, new double[]{1, 2, 3});
        assertTrue(Double.isNaN(w.t()) && Double.isNaN(w.p()));
        assertTrue(Double.isNaN(WelchResult.of(new double[]{2, 2}, new double[]{2, 2}).t()));
    }

    @Test
    void pearsonMatchesCommonsMath() {
        double[] x = sample(4, 50, 0, 1), y = sample(5, 50, 3, 2);
        for (int i = 0; i < x.length; i++) y[i] += 0.7 * x[i];
        assertEquals(new PearsonsCorrelation().correlation(x, y), Pearson.r(x, y), 1e-12);
        assertTrue(Double.isNaN(Pearson.r(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
        assertThrows(IllegalArgumentException.class, () -> Pearson.r(new double[2], new double[3]));
    }

    @Test
    void meanIntervalUsesTQuantile() {
        MeanInterval m = MeanInterval.of(RunningMoments.of(1, 2, 3, 4));
        // t_{0.975,3} = 3.182446305; sd = 1.290994449
        double half = 3.182446305284263 * 1.2909944487358056 / 2;
        assertEquals(2.5 - half, m.low(), 1e-9);
        assertEquals(2.5 + half, m.high(), 1e-9);
    }
}
