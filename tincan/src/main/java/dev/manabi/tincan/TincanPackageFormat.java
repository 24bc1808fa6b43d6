package dev.manabi.tincan;

import dev.manabi.core.PackageFormat;
import dev.manabi.i18n.LocalizedText;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Document;

/**
 * tincan.xml packages for the package importer: a zip with {@code tincan.xml} at its root (Rustici, "Incorporating
 * a TinCan LRS into an LMS", "Packaging"). The file is read once into a {@link TincanPackage} with the import rules
 * of {@link TincanXmlReader}; the package identity is the root activity id, so re-imports of a course become new
 * versions of one line.
 */
@ApplicationScoped
public class TincanPackageFormat implements PackageFormat {

    /** The course component kind of tincan courses (the player mounts {@code manabi-tincan-player}). */
    public static final String KIND = "tincan";

    @Override
    public String structureFile() {
        return "tincan.xml";
    }

    @Override
    public String componentKind() {
        return KIND;
    }

    @Override
    public Reading read(Document structure, Set<String> files, boolean bare) {
        TincanXmlReader.Reading r = TincanXmlReader.read(structure, files, bare);
        TincanPackage tincan = r.tincan();
        if (tincan == null) {
            return new Reading(null, new LocalizedText(null), r.problems(), null);
        }
        TincanPackage.Activity root = tincan.rootActivity();
        return new Reading(root.id(), title(root), r.problems(), tincan);
    }

    /** An activity's names as a title ({@code und}, a blank {@code lang}, is language-neutral); else its id. */
    static LocalizedText title(TincanPackage.Activity activity) {
        Map<String, String> names = new LinkedHashMap<>();
        activity.names().forEach((lang, text) -> names.put(lang.equals("und") ? "x-none" : lang, text));
        return names.isEmpty() ? LocalizedText.untagged(activity.id()) : new LocalizedText(names);
    }

    @Override
    public void store(Connection c, StoredVersion version, Reading reading) throws SQLException {
        TincanVersions.Store.insert(c, version, (TincanPackage) reading.model());
    }
}
