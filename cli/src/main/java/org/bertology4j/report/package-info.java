/**
 * The offline HTML report of the {@code report} command: {@link org.bertology4j.report.HtmlReport} renders the
 * analyses' markdown (commonmark, GitHub tables) and embeds their PNG figures, with the run's settings at the top.
 * The results it shows are gathered by the command through library calls; this package only renders them.
 */
package org.bertology4j.report;
