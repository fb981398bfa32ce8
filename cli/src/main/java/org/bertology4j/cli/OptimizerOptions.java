package org.bertology4j.cli;

import picocli.CommandLine.Option;

/** The optimizer's options shared by the fine-tuning commands ({@code finetune}, {@code finetune-qa}). */
final class OptimizerOptions {
    @Option(names = "--warmup", defaultValue = "0.1", description = "Warm-up share of the updates. Default: ${DEFAULT-VALUE}.") double warmup;
    @Option(names = "--weight-decay", defaultValue = "0.01") double weightDecay;
    @Option(names = "--clip", defaultValue = "1.0", description = "Global gradient-norm clip. Default: ${DEFAULT-VALUE}.") double clip;
    @Option(names = "--checkpoint-every", defaultValue = "0", description = "Checkpoint every N updates (0: each epoch).") int checkpointEvery;
    @Option(names = "--stop-after", defaultValue = "-1", description = "Stop after N updates in total; the run can be continued from its checkpoint.") long stopAfter;
}
