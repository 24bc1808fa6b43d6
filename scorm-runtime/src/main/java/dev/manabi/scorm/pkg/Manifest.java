package dev.manabi.scorm.pkg;

import dev.manabi.api.Problem;
import dev.manabi.api.ValidationReport;
import dev.manabi.core.PackageFormat;
import dev.manabi.i18n.LocalizedText;
import java.util.List;

/**
 * What a package's manifest says once read and checked against the package's files: the standard, the package
 * identity and title, the organizations (items with their launch paths resolved) and every problem found.
 * For cmi5 and xAPI packages {@code organizations} and {@code resources} are empty.
 *
 * @param sequencingCollectionXml the raw {@code imsss:sequencingCollection} of a SCORM 2004 manifest, or null
 * @param identifier the manifest identifier (SCORM), course id (cmi5) or course activity id (xAPI); null if missing
 * @param format     the {@link PackageFormat} that read the structure file (cmi5 with the cmi5 module), or null
 * @param reading    what {@code format} read, stored by it with the version; null without a format
 */
record Manifest(ScormEdition edition, String identifier, LocalizedText title, String defaultOrganization,
                List<Organization> organizations, List<Resource> resources, List<Problem> problems,
                String sequencingCollectionXml, PackageFormat format, PackageFormat.Reading reading) {

    Manifest {
        organizations = List.copyOf(organizations);
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    Manifest(ScormEdition edition, String identifier, LocalizedText title, String defaultOrganization,
             List<Organization> organizations, List<Resource> resources, List<Problem> problems) {
        this(edition, identifier, title, defaultOrganization, organizations, resources, problems, null);
    }

    Manifest(ScormEdition edition, String identifier, LocalizedText title, String defaultOrganization,
             List<Organization> organizations, List<Resource> resources, List<Problem> problems,
             String sequencingCollectionXml) {
        this(edition, identifier, title, defaultOrganization, organizations, resources, problems,
                sequencingCollectionXml, null, null);
    }

    /** A package read by a {@link PackageFormat} of another module. */
    static Manifest of(ScormEdition edition, PackageFormat format, PackageFormat.Reading reading) {
        return new Manifest(edition, reading.identifier(), reading.title(), null, List.of(), List.of(),
                reading.problems(), null, format, reading);
    }

    ValidationReport report() {
        return new ValidationReport(problems);
    }
}
