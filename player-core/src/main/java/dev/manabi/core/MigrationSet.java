package dev.manabi.core;

import java.util.List;

/**
 * The schema scripts of one SDK module, listed in {@code META-INF/services/dev.manabi.core.MigrationSet}.
 *
 * <p>Scripts live at {@code /META-INF/manabi/db/<module>/V<n>__<what>.sql}; where a database needs different SQL a
 * sibling {@code V<n>__<what>.<dialect>.sql} (dialect {@code postgresql} or {@code h2}) is used instead; for the
 * common case of unbounded text, write {@code ${text}} as the column type and keep one script. Applied scripts are
 * never edited (the migrator records their SHA-256 and stops when one changes): add a new version.
 */
public interface MigrationSet {

    /** Short module name, also the resource folder. */
    String module();

    /** Script file names in version order, e.g. {@code V1__learners.sql}. */
    List<String> scripts();

    /** Modules whose tables this module references; they are migrated first. */
    default List<String> after() {
        return List.of("core");
    }
}
