/**
 * Sentence and sentence-pair classification tasks for fine-tuning and the Kovaleva analyses.
 *
 * <p>Main entry points: {@link org.bertology4j.analysis.tasks.Tasks#load} (a task by name: {@code gum-genre},
 * {@code gum-next} from the GUM treebank ({@link org.bertology4j.analysis.tasks.GumTasks}), or a GLUE task from its
 * TSV files ({@link org.bertology4j.analysis.tasks.GlueTasks})), {@link org.bertology4j.analysis.tasks.TaskEncoder}
 * (examples to model inputs, long ones skipped and counted), {@link org.bertology4j.analysis.tasks.Tasks#subset}
 * (seeded subsets) and {@link org.bertology4j.analysis.tasks.DevSample} (the encoded dev subset an analysis runs on).
 */
package org.bertology4j.analysis.tasks;
