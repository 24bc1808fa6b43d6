package dev.manabi.scorm.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;

/**
 * The stored JSON form of a sequencing model (column {@code manabi_scorm_package.sequencing_json}): the root
 * {@link ActivityDefinition} with its records as they are (the JDK-only module knows nothing of JSON; the mapping
 * lives here).
 */
public final class SequencingJson {

    private SequencingJson() {
    }

    public static String write(ActivityTree tree) {
        return TreeJson.write(tree.root());
    }

    public static ActivityTree read(String json) {
        try {
            return new ActivityTree(TreeJson.mapper().readValue(json, ActivityDefinition.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored sequencing: " + e.getOriginalMessage(), e);
        }
    }
}
