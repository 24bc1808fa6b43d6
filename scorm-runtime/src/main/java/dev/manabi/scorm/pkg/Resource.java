package dev.manabi.scorm.pkg;

import java.util.List;

/**
 * One {@code <resource>} of the manifest (IMS CP 1.1.4 section 3.4.1.5; SCORM 2004 CAM 3.4.1.16), with its
 * {@code xml:base} chain already applied.
 *
 * @param identifier   the resource identifier items refer to
 * @param type         {@code type} (SCORM requires {@code webcontent})
 * @param scormType    {@code sco} or {@code asset} (lower case), or null when absent
 * @param href         the launch path relative to the package root, decoded, without query or fragment; null when
 *                     the resource has no href or it is unusable
 * @param launchHref   {@code href} URL-encoded with the original query and fragment; null like {@code href}
 * @param external     the href is an absolute http(s) URL (kept as-is in {@code launchHref})
 * @param files        paths of the {@code <file>} elements relative to the package root, decoded
 * @param dependencies identifierrefs of the {@code <dependency>} elements
 * @param location     where the resource is in the manifest
 */
record Resource(String identifier, String type, String scormType, String href, String launchHref, boolean external,
                List<String> files, List<String> dependencies, String location) {

    Resource {
        files = List.copyOf(files);
        dependencies = List.copyOf(dependencies);
    }

    boolean isSco() {
        return "sco".equals(scormType);
    }
}
