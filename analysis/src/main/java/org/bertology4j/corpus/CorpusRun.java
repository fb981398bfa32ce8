package org.bertology4j.corpus;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bookkeeping of one resumable corpus run: progress (a {@link ProgressListener}), periodic checkpoint of the accumulator, and a safe stop.
 *
 * <p>The worker calls {@link #unitDone(long)} after each unit (sentence or document), when the accumulator is
 * consistent. A stop request (Ctrl-C / SIGTERM through the shutdown hook, or {@link #requestStop()}) is honoured
 * at the next unit boundary: the checkpoint is saved and {@link RunInterruptedException} thrown; the hook waits
 * for that save so the JVM does not exit half-way through it. Re-running the same command then resumes.
 */
public final class CorpusRun implements AutoCloseable {
    private final Checkpoint checkpoint;
    private final Supplier<JsonNode> state;
    private final ProgressListener progress;
    private final long intervalNanos;
    private long done, lastSave;
    private long deadline = Long.MAX_VALUE;
    private boolean timeLimitReached;
    private volatile boolean stopRequested;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread hook;

    /**
     * @param state      the accumulator's JSON state (called on the worker thread at unit boundaries only)
     * @param checkpoint where to save, or null for a run that is not resumable (nothing is saved)
     * @param progress   told of every unit done, and when the run is closed
     * @param interval   time between periodic checkpoints
     * @param alreadyDone units included in the state when the run starts (resume)
     */
    public CorpusRun(Checkpoint checkpoint, Supplier<JsonNode> state, ProgressListener progress, Duration interval, long alreadyDone) {
        this.checkpoint = checkpoint;
        this.state = state;
        this.progress = progress;
        this.intervalNanos = interval.toNanos();
        this.done = alreadyDone;
        this.lastSave = System.nanoTime();
    }

    /** Installs a JVM shutdown hook that asks the run to stop and waits (up to 2 minutes) for its checkpoint. */
    public CorpusRun stopOnShutdown() {
        hook = new Thread(() -> {
            requestStop();
            try {
                if (stopped.await(2, TimeUnit.MINUTES) && checkpoint != null) {
                    System.err.println("\nstopped; checkpoint in " + checkpoint.file() + " (" + done + " units); re-run the same command to resume");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bertology4j-checkpoint-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /**
     * Stops the run at the first unit boundary after {@code limit} (from now): the checkpoint is saved and
     * {@link RunInterruptedException} thrown, with {@link #timeLimitReached()} true, so that the caller can write the
     * results so far (marked partial) and a re-run of the same command resumes. A way to run a long study in chunks.
     */
    public CorpusRun timeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) throw new IllegalArgumentException("time limit must be positive (got " + limit + ")");
        long now = System.nanoTime();
        deadline = limit.toNanos() > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + limit.toNanos();
        return this;
    }

    /** Whether the run stopped because its {@link #timeLimit} had passed. */
    public boolean timeLimitReached() { return timeLimitReached; }

    /** Asks the worker to save and stop at the next unit boundary. */
    public void requestStop() { stopRequested = true; }

    /** Units done, including resumed ones. */
    public long done() { return done; }

    /**
     * Records {@code units} more done (e.g. 1 sentence, or a document's sentences); saves when the interval has
     * passed; saves and throws when a stop was requested.
     */
    public void unitDone(long units) {
        done += units;
        progress.advanced(units);
        boolean late = deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0;
        if (stopRequested || late) {
            timeLimitReached = late && !stopRequested;
            try {
                save(false);
            } finally {
                stopped.countDown();
            }
            throw new RunInterruptedException((timeLimitReached ? "time limit reached" : "interrupted") + " after " + done
                    + " units" + (checkpoint == null ? "" : "; checkpoint saved to " + checkpoint.file() + " (re-run the same command to resume)"));
        }
        if (System.nanoTime() - lastSave >= intervalNanos) save(false);
    }

    /** Saves now (e.g. after a step that is not a unit, such as an evaluation whose result the state now holds). */
    public void checkpointNow() { save(false); }

    /** Final save, marked complete. */
    public void finish() { save(true); }

    private void save(boolean complete) {
        if (checkpoint == null) return;
        try {
            checkpoint.save(done, complete, state.get());
            lastSave = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + checkpoint.file(), e);
        }
    }

    /** Closes the bar and removes the shutdown hook (unless the JVM is already shutting down). */
    @Override
    public void close() {
        progress.finished();
        stopped.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns once 'stopped' is counted down
            }
        }
    }
}
