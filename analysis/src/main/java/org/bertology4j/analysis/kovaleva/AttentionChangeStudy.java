package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.core.model.BertModel;

import org.bertology4j.io.JsonFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Kovaleva et al.'s attention change: per-head cosine similarity of attention maps between a pre-trained and a
 * fine-tuned model ({@link AttentionChange}), mean over dev examples, and its mean per layer.
 *
 * <pre>{@code
 * AttentionChangeStudy.Result r = AttentionChangeStudy.run(pretrained, "bert-base-uncased", finetuned, "ft/model", dev);
 * double[] perLayer = r.perLayer();
 * }</pre>
 */
public final class AttentionChangeStudy {
    private AttentionChangeStudy() {}

    /**
     * The study's outcome.
     *
     * @param pretrained the pre-trained model's identity
     * @param finetuned  the fine-tuned model's identity
     * @param task       the task's name
     * @param examples   dev examples compared
     * @param perHead    mean cosine similarity [layer][head]
     * @param perLayer   mean over each layer's heads
     */
    public record Result(String pretrained, String finetuned, String task, int examples, double[][] perHead, double[] perLayer) {
        /** The attention-change.json content. */
        public Map<String, Object> toJson() {
            return JsonFiles.object("pretrained", pretrained, "finetuned", finetuned, "task", task, "examples", examples,
                    "mean_cosine_per_head", perHead, "mean_cosine_per_layer", perLayer);
        }

        /** Writes {@code attention-change.json} and, with {@code plots}, {@code attention-change.png} into {@code dir}; returns the files. */
        public List<Path> write(Path dir, boolean plots) throws IOException {
            return StudyFiles.jsonAndGrid(dir, "attention-change", toJson(), plots, List.of("cosine similarity pre-trained vs fine-tuned"),
                    List.<double[][]>of(perHead), false, 1);
        }
    }

    /** Compares the two models (same shape) on the dev examples. */
    public static Result run(BertModel pretrained, String pretrainedIdentity, BertModel finetuned, String finetunedIdentity,
                             DevSample dev) {
        double[][] cos = AttentionChange.meanCosine(pretrained, finetuned, dev.examples(), 16);
        double[] perLayer = new double[cos.length];
        for (int l = 0; l < cos.length; l++) {
            for (double c : cos[l]) perLayer[l] += c / cos[l].length;
        }
        return new Result(pretrainedIdentity, finetunedIdentity, dev.task().name(), dev.examples().size(), cos, perLayer);
    }
}
