package org.bertology4j.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link DistributedRunner} on the class path. */
public final class DistributedRunners {
    private DistributedRunners() {}

    /**
     * The runner on the class path.
     *
     * @throws IllegalStateException when there is none (the message says how to add the Spark module), or several
     */
    public static DistributedRunner find() {
        List<DistributedRunner> found = new ArrayList<>();
        ServiceLoader.load(DistributedRunner.class).forEach(found::add);
        if (found.isEmpty()) {
            throw new IllegalStateException("no distributed runner on the class path: --spark needs the bertology4j-spark "
                    + "module and Spark's jars (build them with 'mvn -pl spark -am package -DskipTests'; ./bertology4j then "
                    + "adds spark/target/classpath.txt by itself)");
        }
        if (found.size() > 1) {
            throw new IllegalStateException("several distributed runners on the class path: "
                    + found.stream().map(DistributedRunner::name).toList());
        }
        return found.get(0);
    }
}
