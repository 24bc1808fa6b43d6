package dev.manabi.scorm.pkg;

import dev.manabi.i18n.LocalizedText;
import java.util.List;

/**
 * One {@code <organization>} of the manifest (IMS CP 1.1.4 section 3.4.1.2; SCORM 2004 CAM 3.4.1.11): a tree of
 * items, i.e. a structure of learning activities.
 *
 * @param identifier               the organization's identifier
 * @param title                    its {@code <title>}
 * @param items                    top-level items in document order
 * @param sequencingXml            the raw {@code <imsss:sequencing>} of the organization (the root activity), or
 *                                 null if none. A manifest-level {@code <imsss:sequencingCollection>} is not inlined
 * @param objectivesGlobalToSystem {@code adlseq:objectivesGlobalToSystem} (SCORM 2004 SN 3.4.1.11; default true)
 */
public record Organization(String identifier, LocalizedText title, List<Item> items, String sequencingXml,
                           boolean objectivesGlobalToSystem) {

    public Organization {
        title = title == null ? new LocalizedText(null) : title;
        items = items == null ? List.of() : List.copyOf(items);
    }
}
