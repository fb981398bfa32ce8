package org.bertology4j.corpus;

/** Thrown on the worker thread when a run was asked to stop; the checkpoint was saved before it was thrown. */
public final class RunInterruptedException extends RuntimeException {
    public RunInterruptedException(String message) { super(message); }
}
