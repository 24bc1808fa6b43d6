/**
 * Serving package files to the browser on the content origin: {@link dev.manabi.scorm.delivery.ContentServlet} at
 * {@code /manabi/content/c/{capability}/{path}}, authorized by a signed capability for one launch.
 */
package dev.manabi.scorm.delivery;
