package org.bertology4j.core.model;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes core's tests run on the natives a library user gets: {@link NativeBuild#select()} before any test touches
 * ND4J (without it, a test class that creates an array before one that loads a model would load OpenBLAS, and which
 * BLAS served the suite would depend on the order the classes ran in). Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class LibraryNatives implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeBuild.select();
    }
}
