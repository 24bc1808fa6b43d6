package dev.manabi.scorm.pkg;

import dev.manabi.i18n.LocalizedText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One imported version of a content package: what its manifest says, parsed once at import and stored as JSON so
 * reading a package never touches XML again. Its files lie, immutable, under
 * {@link PackageRepository#contentRoot(String)} and are served at {@code /manabi/content/{id}/{path}}.
 *
 * <p>Re-importing a package with the same manifest identifier in the same tenant creates a new version in the same
 * line; the line id is what a course refers to (component kind {@code scorm}, ref = {@code lineId}).
 *
 * @param id                  this version's id
 * @param lineId              stable across versions of the same package; the course component ref
 * @param courseId            the course this package belongs to
 * @param ownerTenantId       the tenant that imported it
 * @param manifestIdentifier  the manifest's {@code identifier} attribute (for cmi5/xAPI: course id / activity id)
 * @param version             1, 2, ... within the line
 * @param edition             the standard the package was built for
 * @param title               the package title: LOM general/title langstrings where present, else the default
 *                            organization's title
 * @param defaultOrganization identifier of the default organization (IMS CP 1.1.4 organizations/@default), or null
 *                            for cmi5/xAPI packages
 * @param organizations       all organizations in document order (empty for cmi5/xAPI packages)
 * @param importedAt          when this version was imported
 * @param sequencingCollectionXml the raw manifest-level {@code <imsss:sequencingCollection>} (SCORM 2004 CAM
 *                            3.4.1.x / SN 5.1: sequencing definitions items and organizations refer to with
 *                            {@code IDRef}), or null
 */
public record ScormPackage(String id, String lineId, String courseId, String ownerTenantId,
                           String manifestIdentifier, int version, ScormEdition edition, LocalizedText title,
                           String defaultOrganization, List<Organization> organizations, Instant importedAt,
                           String sequencingCollectionXml) {

    public ScormPackage {
        title = title == null ? new LocalizedText(null) : title;
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
    }

    /** A package without a sequencing collection. */
    public ScormPackage(String id, String lineId, String courseId, String ownerTenantId, String manifestIdentifier,
                        int version, ScormEdition edition, LocalizedText title, String defaultOrganization,
                        List<Organization> organizations, Instant importedAt) {
        this(id, lineId, courseId, ownerTenantId, manifestIdentifier, version, edition, title, defaultOrganization,
                organizations, importedAt, null);
    }

    /** The organization to play: the default one, else the first (IMS CP 1.1.4: default is optional); empty if none. */
    public Optional<Organization> organization() {
        return organizations.stream().filter(o -> o.identifier().equals(defaultOrganization)).findFirst()
                .or(() -> organizations.stream().findFirst());
    }

    /** The item with this identifier in any organization. */
    public Optional<Item> findItem(String identifier) {
        List<Item> found = new ArrayList<>();
        for (Organization o : organizations) {
            o.items().forEach(i -> i.walk(x -> {
                if (x.identifier().equals(identifier)) {
                    found.add(x);
                }
            }));
        }
        return found.stream().findFirst();
    }

    /** The SCOs of the played organization in tree order (leaf items whose resource is a SCO). */
    public List<Item> scos() {
        return launchables().stream().filter(Item::sco).toList();
    }

    /** Every launchable leaf item (SCOs and assets) of the played organization in tree order. */
    public List<Item> launchables() {
        List<Item> out = new ArrayList<>();
        organization().ifPresent(o -> o.items().forEach(i -> i.walk(x -> {
            if (x.launchable()) {
                out.add(x);
            }
        })));
        return out;
    }
}
