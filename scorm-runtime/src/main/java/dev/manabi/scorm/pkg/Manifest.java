package dev.manabi.scorm.pkg;

import dev.manabi.api.Problem;
import dev.manabi.api.ValidationReport;
import dev.manabi.i18n.LocalizedText;
import java.util.List;

/**
 * What a package's manifest says once read and checked against the package's files: the standard, the package
 * identity and title, the organizations (items with their launch paths resolved) and every problem found.
 * For cmi5 and xAPI packages {@code organizations} and {@code resources} are empty.
 *
 * @param sequencingCollectionXml the raw {@code imsss:sequencingCollection} of a SCORM 2004 manifest, or null
 * @param identifier the manifest identifier (SCORM), course id (cmi5) or course activity id (xAPI); null if missing
 */
record Manifest(ScormEdition edition, String identifier, LocalizedText title, String defaultOrganization,
                List<Organization> organizations, List<Resource> resources, List<Problem> problems,
                String sequencingCollectionXml) {

    Manifest {
        organizations = List.copyOf(organizations);
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    Manifest(ScormEdition edition, String identifier, LocalizedText title, String defaultOrganization,
             List<Organization> organizations, List<Resource> resources, List<Problem> problems) {
        this(edition, identifier, title, defaultOrganization, organizations, resources, problems, null);
    }

    ValidationReport report() {
        return new ValidationReport(problems);
    }
}
