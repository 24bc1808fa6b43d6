package dev.manabi.scorm.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import java.util.function.BooleanSupplier;

/**
 * The stored JSON form of a sequencing model (column {@code manabi_scorm_package.sequencing_json}): an object with the
 * organization's {@code objectivesGlobalToSystem} and the root {@link ActivityDefinition} with its records as they
 * are (the JDK-only module knows nothing of JSON; the mapping lives here). Imports before the flag was stored wrote
 * the root definition alone: read as it is, with the flag the package's stored organization has (its manifest
 * attribute was always kept there, and the run-time scopes the global objectives by it), so the sequencer and the
 * run-time never disagree about it.
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

    /**
     * @param organizationFlag the organization's {@code objectivesGlobalToSystem} as the package stores it, asked
     *                         only for a model stored before the flag was stored with it
     */
    public static ActivityTree read(String json, BooleanSupplier organizationFlag) {
        try {
            JsonNode node = TreeJson.mapper().readTree(json);
            if (node != null && node.has("root")) {
                Stored stored = TreeJson.mapper().treeToValue(node, Stored.class);
                return new ActivityTree(stored.root(), stored.objectivesGlobalToSystem());
            }
            return new ActivityTree(TreeJson.mapper().treeToValue(node, ActivityDefinition.class),
                    organizationFlag.getAsBoolean());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored sequencing: " + e.getOriginalMessage(), e);
        }
    }
}
