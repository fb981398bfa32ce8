package org.bertology4j.cli;

import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.heads.ExampleHeads;
import org.bertology4j.corpus.BatchedModelAttention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code example-heads}: Clark et al.'s Figures 1 and 5 (example heads) drawn from the model on a treebank ({@link ExampleHeads}). */
@Command(name = "example-heads", description = "Clark et al. 2019 Figures 1 and 5 from the model: the surface-pattern heads "
        + "1-1, 3-1, 8-7, 11-6 on a paragraph pair and the linguistic heads 8-10, 8-11, 7-6, 4-10, 9-6, 5-4 on the first "
        + "treebank sentences with their phenomenon, as line drawings (figure1-surface-heads.png, figure5-L-H.png) and figures.md.")
public final class ExampleHeadsCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin OutputDirectory output;

    @Option(names = "--conllu", required = true, paramLabel = "FILE", description = "CoNLL-U treebank with # newpar and Entity= (e.g. GUM dev).")
    Path conllu;

    @Override
    public Integer call() throws IOException {
        var documents = ConlluReader.readDocuments(conllu);
        LoadedModel m = LoadedModel.open(modelOption);
        var written = ExampleHeads.write(documents, m.tokenizer()::encodeWords, new BatchedModelAttention(m.model(), 2048),
                m.identity(), output.out);
        CorpusOptions.print(written);
        return 0;
    }
}
