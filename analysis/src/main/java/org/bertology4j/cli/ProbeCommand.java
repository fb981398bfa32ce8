package org.bertology4j.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code probe}: placeholder. */
@Command(name = "probe", description = "(in progress)")
public final class ProbeCommand implements Callable<Integer> {
    @Override
    public Integer call() { throw new UnsupportedOperationException("not yet"); }
}
