package dev.manabi.core;

import dev.manabi.api.Problem;
import dev.manabi.i18n.LocalizedText;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;

/**
 * SPI (CDI beans) for a content module that plays a package standard whose structure file the package importer
 * only recognizes, e.g. the cmi5 module for {@code cmi5.xml}. The importer keeps doing what every package needs
 * (guarded upload and unzip, hardened XML parsing, versioned package lines, the course and its component, one
 * transaction); the format reads the parsed structure file into its own typed model with its own import rules and
 * stores that model in its own tables inside the importer's transaction, so nothing is half-stored.
 */
public interface PackageFormat {

    /** The structure file at the package root this format reads, e.g. {@code cmi5.xml}. */
    String structureFile();

    /** The course component kind of packages of this format (the player mounts {@code manabi-<kind>-player}). */
    String componentKind();

    /**
     * Reads and checks the structure file (already parsed by the importer: no DOCTYPE, depth-limited).
     *
     * @param files the package's files (paths relative to its root); for a bare structure file only that file
     * @param bare  true when the structure file was uploaded alone, without a package around it
     */
    Reading read(Document structure, Set<String> files, boolean bare);

    /** Stores {@code reading.model()} for the version just inserted, on the importer's transaction. */
    void store(Connection c, StoredVersion version, Reading reading) throws SQLException;

    /**
     * What a format found in a structure file.
     *
     * @param identifier the package identity that makes re-imports new versions of one line (null when missing,
     *                   which must come with an error problem)
     * @param title      the title to give a new course
     * @param problems   import findings; any error refuses the upload with 422
     * @param model      the format's typed model, handed back to {@link #store}
     */
    record Reading(String identifier, LocalizedText title, List<Problem> problems, Object model) {
        public Reading {
            problems = List.copyOf(problems);
        }
    }

    /** The package version the importer stored; its files lie under the content store's {@code packages/<id>}. */
    record StoredVersion(String packageId, String lineId, String courseId, String ownerTenantId, int version,
                         Instant importedAt) {
    }
}
