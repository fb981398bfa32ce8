/** The self-contained HTML attention viewer: {@link org.bertology4j.viewer.ViewerData} (what is shown), {@link org.bertology4j.viewer.ViewerPage} (the page), {@link org.bertology4j.viewer.MatrixCodec} (compact matrices). */
package org.bertology4j.viewer;
