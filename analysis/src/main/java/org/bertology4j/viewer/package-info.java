/**
 * The self-contained HTML attention viewer: {@link org.bertology4j.viewer.InputView} (the page of one input,
 * computed with the engine), {@link org.bertology4j.viewer.ViewerData} (what is shown), {@link org.bertology4j.viewer.ViewerPage}
 * (the page), {@link org.bertology4j.viewer.MatrixCodec} (compact matrices).
 */
package org.bertology4j.viewer;
