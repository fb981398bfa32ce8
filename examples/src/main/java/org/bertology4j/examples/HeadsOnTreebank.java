package org.bertology4j.examples;

import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.analysis.heads.HeadsResult;
import org.bertology4j.analysis.heads.HeadsStudy;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.corpus.ProgressListener;
import org.bertology4j.distributed.AnalysisModel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Clark et al.'s single heads as dependency parsers on a CoNLL-U treebank, from Java: the best head per relation,
 * and the result files (heads.json, heads.md, figures) in OUT. Usage: {@code HeadsOnTreebank FILE.conllu OUT [MODEL]}.
 */
public final class HeadsOnTreebank {
    public static void main(String[] args) throws IOException {
        Path conllu = Path.of(args[0]), out = Path.of(args[1]);
        AnalysisModel model = AnalysisModel.load(Models.resolve(java.util.Arrays.copyOfRange(args, 2, args.length)));
        CorpusRunner.Result<HeadsAccumulator> r = HeadsStudy.run(conllu, model, new ProgressListener() {
            @Override public void advanced(long sentences) { System.err.print('.'); }
        });
        HeadsResult heads = r.accumulator().result();
        for (String relation : new String[]{"det", "obj", "nsubj", "amod"}) {
            HeadsResult.Best b = heads.best(relation);
            System.out.printf("%n%-6s best head %s (%s) %.1f%%", relation, b.label(), b.directionName(), 100 * b.accuracy());
        }
        System.out.println();
        HeadsStudy.write(r, out, true).forEach(f -> System.out.println("wrote " + f));
    }
}
