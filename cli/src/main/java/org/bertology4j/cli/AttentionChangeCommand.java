package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.AttentionChangeStudy;
import org.bertology4j.core.model.BertModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code attention-change}: per-head cosine similarity of attention maps, pre-trained vs fine-tuned ({@link AttentionChangeStudy}). */
@Command(name = "attention-change", mixinStandardHelpOptions = true,
        description = "Cosine similarity of each head's attention map between the pre-trained (--model) and a fine-tuned model, mean over dev examples.")
public final class AttentionChangeCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin KovalevaTaskOptions taskOptions;
    @Option(names = "--finetuned", required = true, description = "Fine-tuned model directory (finetune's OUT/model).")
    Path finetuned;

    @Override
    public Integer call() throws Exception {
        LoadedModel pre = LoadedModel.open(modelOption);
        BertModel ft = BertModel.load(finetuned);
        AttentionChangeStudy.Result r = AttentionChangeStudy.run(pre.model(), pre.identity(), ft, finetuned.toString(),
                taskOptions.dev(pre.tokenizer()));
        r.write(taskOptions.out);
        HeadGrids.write(taskOptions.out.resolve("attention-change.png"), List.of("cosine similarity pre-trained vs fine-tuned"),
                List.<double[][]>of(r.perHead()), false, 1);
        System.out.println("mean cosine per layer: " + java.util.Arrays.toString(r.perLayer()));
        return 0;
    }
}
