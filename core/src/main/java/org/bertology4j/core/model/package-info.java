/**
 * The model and its one forward entry. Load a checkpoint with {@link org.bertology4j.core.model.BertModel#load},
 * describe a batch with {@link org.bertology4j.core.model.BertInput} (ids, segments, attention mask; the engine's
 * masks are built here), choose what to keep with {@link org.bertology4j.core.model.TraceOptions} (hidden states,
 * attention, scores, FFN activations, backward caches, head interventions) and read the
 * {@link org.bertology4j.core.model.ForwardTrace} (hidden states, attention, scores, and each layer's backward cache
 * through read-only accessors).
 * <p>Forward entries: {@code BertModel.forward(input, options)} from ids, {@code forward(input, words, options)} from
 * word-embedding vectors (inputs_embeds), {@code forwardFrom(layer, hidden, input, options)} from a layer's hidden
 * state. Backward: {@code BertModel.backward(dOutput, top, bottom, ruleSet)}, the one traversal of the layers that
 * gradients ({@code grad}), DeepLIFT ({@code deeplift}) and Jacobian norms ({@code flow}) run with their rule sets.
 * Task heads: masked-LM logits and {@code fillMask} top-k, pooled output, sequence/token classification, QA spans.
 * <p>A model is immutable and serves concurrent forwards from several threads. How it runs is an
 * {@link org.bertology4j.core.model.Execution} given to it ({@code withExecution}: kernel threads, batch workers, gemm
 * timing); a batch may be split over threads ({@code forwardParts} says into how many). The layers' temporaries live
 * in a reused per-thread scratch workspace ({@link org.bertology4j.core.model.ScratchMemory}), also for rule sets
 * that ask for it ({@code RuleSet.inScratch}); {@code ScratchMemory.run} keeps a whole computation's arrays (DeepLIFT's,
 * the gradient-based attributions') in reused memory when none of them outlives it.
 */
package org.bertology4j.core.model;
