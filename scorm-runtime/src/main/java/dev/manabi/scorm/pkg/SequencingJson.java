package dev.manabi.scorm.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;

/**
 * The stored JSON form of a sequencing model (column {@code manabi_scorm_package.sequencing_json}): an object with the
 * organization's {@code objectivesGlobalToSystem} and the root {@link ActivityDefinition} with its records as they
 * are (the JDK-only module knows nothing of JSON; the mapping lives here). Imports before the flag was stored wrote
 * the root definition alone: read as it is, with the flag at its default (true).
 */
public final class SequencingJson {

    /** What the column holds. */
    record Stored(boolean objectivesGlobalToSystem, ActivityDefinition root) {
    }

    private SequencingJson() {
    }

    public static String write(ActivityTree tree) {
        return TreeJson.write(new Stored(tree.objectivesGlobalToSystem(), tree.root()));
    }

    public static ActivityTree read(String json) {
        try {
            JsonNode node = TreeJson.mapper().readTree(json);
            if (node != null && node.has("root")) {
                Stored stored = TreeJson.mapper().treeToValue(node, Stored.class);
                return new ActivityTree(stored.root(), stored.objectivesGlobalToSystem());
            }
            return new ActivityTree(TreeJson.mapper().treeToValue(node, ActivityDefinition.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored sequencing: " + e.getOriginalMessage(), e);
        }
    }
}
