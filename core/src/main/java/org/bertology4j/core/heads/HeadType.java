package org.bertology4j.core.heads;

/** Task heads a checkpoint may carry, with the Hugging Face tensor that reveals each. */
public enum HeadType {
    /** {@code cls.predictions.*} (decoder tied to word embeddings). */
    MASKED_LM("cls.predictions.transform.dense.weight"),
    /** {@code bert.pooler.dense.*}. */
    POOLER("pooler.dense.weight"),
    /** {@code classifier.*} applied to the pooled output. */
    SEQUENCE_CLASSIFICATION("classifier.weight"),
    /** {@code classifier.*} applied to every token (same tensors; the checkpoint cannot say which use was trained). */
    TOKEN_CLASSIFICATION("classifier.weight"),
    /** {@code qa_outputs.*}: start/end logits. */
    QUESTION_ANSWERING("qa_outputs.weight");

    private final String marker;

    HeadType(String marker) { this.marker = marker; }

    /** The tensor name (without the {@code bert.} prefix) whose presence enables the head. */
    public String marker() { return marker; }

    /** {@code weights}, this head's part of a model, or an error saying that the model lacks this head when null. */
    public <T> T require(T weights) {
        if (weights == null) throw new IllegalStateException("the model has no " + this + " head (its tensors are not in the checkpoint)");
        return weights;
    }
}
