package org.bertology4j.cli;

import org.bertology4j.io.ModelIdentity;
import org.bertology4j.analysis.kovaleva.AttentionChangeStudy;
import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.core.model.BertModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;

/** {@code attention-change}: per-head cosine similarity of attention maps, pre-trained vs fine-tuned ({@link AttentionChangeStudy}). */
@Command(name = "attention-change", mixinStandardHelpOptions = true,
        description = "Cosine similarity of each head's attention map between the pre-trained (--model) and a fine-tuned model, mean over dev examples.")
public final class AttentionChangeCommand extends KovalevaCommand {
    @Option(names = "--finetuned", required = true, description = "Fine-tuned model directory (finetune's OUT/model).")
    Path finetuned;

    @Override
    void run(LoadedModel pre, DevSample dev, Path out) throws Exception {
        AttentionChangeStudy.Result r = AttentionChangeStudy.run(pre.model(), pre.identity(), BertModel.load(finetuned),
                ModelIdentity.of(finetuned).toString(), dev);
        r.write(out, true);
        System.out.println("mean cosine per layer: " + Arrays.toString(r.perLayer()));
    }
}
