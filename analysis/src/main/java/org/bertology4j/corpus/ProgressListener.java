package org.bertology4j.corpus;

/**
 * Progress of a corpus run, reported by {@link CorpusRunner} (and {@link CorpusRun}) on the worker thread. The library
 * draws nothing itself: the command line supplies a progress bar, a library user may log, count or ignore
 * ({@link #NONE}). Every method has an empty default, so a listener implements only what it needs.
 */
public interface ProgressListener {
    /** Reports nothing. */
    ProgressListener NONE = new ProgressListener() {};

    /**
     * A run starts.
     *
     * @param task        what runs (e.g. "heads")
     * @param unit        what is counted (e.g. "sent", "doc", "seq")
     * @param total       units in the run ({@code -1} when unknown)
     * @param alreadyDone units done by an earlier run that this one resumes
     */
    default void started(String task, String unit, long total, long alreadyDone) {}

    /** {@code units} more units are done. */
    default void advanced(long units) {}

    /** The run ended (normally, stopped or failed). */
    default void finished() {}
}
