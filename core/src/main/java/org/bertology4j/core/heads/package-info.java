/**
 * Task heads on the last hidden state: {@link org.bertology4j.core.heads.MaskedLmHead} (vocabulary logits and
 * fill-mask {@code topK}), {@link org.bertology4j.core.heads.Pooler}, and the head kinds a checkpoint may carry
 * ({@link org.bertology4j.core.heads.HeadType}); QA logits come as {@link org.bertology4j.core.heads.SpanLogits}.
 * Usually reached through {@code BertModel}'s head methods.
 */
package org.bertology4j.core.heads;
