package org.bertology4j.cli;

import org.bertology4j.corpus.ProgressListener;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * A progress bar on stderr for a corpus run: units done / total, rate per second and time left. On a terminal
 * it redraws in place; otherwise (a log file) it prints one line every {@code logIntervalSeconds}. It is the command
 * line's {@link ProgressListener} ({@link #listener()}); the library itself does not depend on the progress bar.
 */
public final class CorpusProgress implements AutoCloseable, ProgressListener {
    private final ProgressBar bar;

    private CorpusProgress(ProgressBar bar) { this.bar = bar; }

    /**
     * Starts a bar.
     *
     * @param task        name shown before the bar (e.g. "heads")
     * @param unit        unit name (e.g. "sent")
     * @param total       units in the run (-1 when unknown)
     * @param alreadyDone units done by an earlier, resumed run (the rate and time left count only new work)
     */
    public static CorpusProgress start(String task, String unit, long total, long alreadyDone) {
        return start(task, unit, total, alreadyDone, System.err, System.console() != null, 30);
    }

    /** As {@link #start(String, String, long, long)} with an explicit stream and redraw mode. */
    public static CorpusProgress start(String task, String unit, long total, long alreadyDone, PrintStream out,
                                       boolean interactive, int logIntervalSeconds) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUnit(" " + unit, 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                .startsFrom(alreadyDone, Duration.ZERO);
        if (interactive) {
            b.setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(500);
        } else {
            b.setStyle(ProgressBarStyle.ASCII).setConsumer(new DelegatingProgressBarConsumer(out::println, 120))
                    .setUpdateIntervalMillis(logIntervalSeconds * 1000);
        }
        return new CorpusProgress(b.build());
    }

    /** A listener that starts a bar on stderr when a run starts and closes it when the run ends. */
    public static ProgressListener listener() {
        return new ProgressListener() {
            private CorpusProgress bar;

            @Override
            public void started(String task, String unit, long total, long alreadyDone) {
                if (bar != null) bar.close();
                if (alreadyDone > 0) System.err.println(task + ": resuming (" + alreadyDone + " " + unit + " done)");
                bar = start(task, unit, total, alreadyDone);
            }

            @Override
            public void advanced(long units) { if (bar != null) bar.stepBy(units); }

            @Override
            public void finished() {
                if (bar != null) bar.close();
                bar = null;
            }
        };
    }

    @Override
    public void advanced(long units) { stepBy(units); }

    @Override
    public void finished() { close(); }

    /** Marks {@code n} more units done. */
    public void stepBy(long n) { bar.stepBy(n); }

    /** Units done so far (including resumed ones). */
    public long current() { return bar.getCurrent(); }

    /** Adds a short note after the bar (e.g. "skipped 3"). */
    public void note(String extra) { bar.setExtraMessage(extra); }

    @Override
    public void close() { bar.close(); }
}
