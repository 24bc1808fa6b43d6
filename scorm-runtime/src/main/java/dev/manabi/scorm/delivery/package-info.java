/**
 * Serving package files to the browser: {@link dev.manabi.scorm.delivery.ContentServlet} at
 * {@code /manabi/content/{packageId}/{path}}, visible exactly to those who may see the package's course.
 */
package dev.manabi.scorm.delivery;
