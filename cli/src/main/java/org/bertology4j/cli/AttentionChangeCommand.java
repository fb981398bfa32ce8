package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.AttentionChange;
import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.analysis.tasks.TaskEncoder;
import org.bertology4j.core.model.BertModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code attention-change}: per-head cosine similarity of attention maps, pre-trained vs fine-tuned. */
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
        ClassificationTask t = taskOptions.task();
        TaskEncoder.Encoded dev = taskOptions.dev(t, pre.tokenizer());
        double[][] cos = AttentionChange.meanCosine(pre.model(), ft, dev.examples(), 16);
        double[] perLayer = new double[cos.length];
        for (int l = 0; l < cos.length; l++) {
            for (double c : cos[l]) perLayer[l] += c / cos[l].length;
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pretrained", pre.identity());
        report.put("finetuned", finetuned.toString());
        report.put("task", t.name());
        report.put("examples", dev.examples().size());
        report.put("mean_cosine_per_head", cos);
        report.put("mean_cosine_per_layer", perLayer);
        Files.createDirectories(taskOptions.out);
        Json.write(taskOptions.out.resolve("attention-change.json"), report);
        HeadGrids.write(taskOptions.out.resolve("attention-change.png"), List.of("cosine similarity pre-trained vs fine-tuned"),
                List.<double[][]>of(cos), false, 1);
        System.out.println("mean cosine per layer: " + java.util.Arrays.toString(perLayer));
        return 0;
    }
}
