package org.bertology4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.bertology4j.distributed.CorpusJob;
import org.bertology4j.distributed.PartitionWork;
import org.bertology4j.distributed.Slice;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The function a Spark task runs on its partition: each slice's accumulator as JSON. Serialised to executors with
 * only the job description (strings and numbers); the model is looked up in the executor JVM.
 */
final class SliceTask<A> implements FlatMapFunction<Iterator<Slice>, String> {
    private static final long serialVersionUID = 1L;
    private final CorpusJob<A> job;
    private final int threads;

    SliceTask(CorpusJob<A> job, int threads) {
        this.job = job;
        this.threads = threads;
    }

    @Override
    public Iterator<String> call(Iterator<Slice> slices) throws Exception {
        ExecutorThreads.apply(threads);
        List<String> out = new ArrayList<>();
        Configuration hadoop = new Configuration();
        while (slices.hasNext()) {
            Slice s = slices.next();
            out.add(PartitionWork.run(job, s, CorpusFiles.open(job.corpus(), s.start(), s.end(), hadoop)));
        }
        return out.iterator();
    }
}
