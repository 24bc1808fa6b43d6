package dev.manabi.scorm.seq.model;

import java.util.List;

/**
 * One activity of the activity tree (SN 1.2): an organization (the root), a cluster, or a leaf that is delivered
 * (a SCO or an asset).
 *
 * @param id         the item (or organization) identifier
 * @param title      the title shown in a table of contents (first language of the manifest)
 * @param visible    {@code isvisible}: shown in the table of contents (default true)
 * @param sco        a leaf whose resource is a SCO (talks to the RTE); false for assets and clusters
 * @param sequencing what its sequencing says
 * @param children   child activities in manifest order
 */
public record ActivityDefinition(String id, String title, boolean visible, boolean sco,
                                 SequencingDefinition sequencing, List<ActivityDefinition> children) {

    public ActivityDefinition {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an activity needs an identifier");
        }
        sequencing = sequencing == null ? SequencingDefinition.DEFAULT : sequencing;
        children = List.copyOf(children);
    }

    public boolean leaf() {
        return children.isEmpty();
    }
}
