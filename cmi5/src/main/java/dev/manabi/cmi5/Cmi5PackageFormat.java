package dev.manabi.cmi5;

import dev.manabi.core.PackageFormat;
import dev.manabi.i18n.LocalizedText;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.w3c.dom.Document;

/**
 * cmi5 packages for the package importer (cmi5 section 6.1: the LMS MUST import the course structure of section
 * 13 and the course package of section 14): a zip with {@code cmi5.xml} at its root (14.1) or a bare
 * {@code cmi5.xml} (14.2). The course structure becomes a {@link CourseStructure} stored with the version.
 */
@ApplicationScoped
public class Cmi5PackageFormat implements PackageFormat {

    /** The course component kind of cmi5 courses. */
    public static final String KIND = "cmi5";

    @Override
    public String structureFile() {
        return "cmi5.xml";
    }

    @Override
    public String componentKind() {
        return KIND;
    }

    @Override
    public Reading read(Document structure, Set<String> files, boolean bare) {
        CourseStructureReader.Reading r = CourseStructureReader.read(structure, files, bare);
        CourseStructure s = r.structure();
        String id = s == null ? null : s.course().id();
        LocalizedText title = s == null || s.course().title().isEmpty()
                ? (id == null ? new LocalizedText(null) : LocalizedText.untagged(id))
                : new LocalizedText(s.course().title());
        return new Reading(id, title, r.problems(), s);
    }

    @Override
    public void store(Connection c, StoredVersion version, Reading reading) throws SQLException {
        CourseVersions.Store.insert(c, version, (CourseStructure) reading.model());
    }
}
