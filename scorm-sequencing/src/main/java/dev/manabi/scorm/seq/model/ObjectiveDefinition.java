package dev.manabi.scorm.seq.model;

import java.util.List;

/**
 * A learning objective of an activity (SN 3.10; {@code <imsss:primaryObjective>} / {@code <imsss:objective>}).
 *
 * @param id                   {@code objectiveID}; may be null only for the primary objective
 * @param primary              the activity's primary objective (the one rollup and the SCO's success status use)
 * @param satisfiedByMeasure   satisfaction is decided by the measure (default false)
 * @param minNormalizedMeasure the passing measure when satisfied by measure (-1..1, default 1.0)
 * @param maps                 reads and writes of global objectives
 */
public record ObjectiveDefinition(String id, boolean primary, boolean satisfiedByMeasure,
                                  double minNormalizedMeasure, List<ObjectiveMap> maps) {

    public ObjectiveDefinition {
        maps = List.copyOf(maps);
    }

    /** The implicit primary objective of an activity that declares none (SN 3.10: every activity has one). */
    public static final ObjectiveDefinition IMPLICIT_PRIMARY =
            new ObjectiveDefinition(null, true, false, 1.0, List.of());

    /** Key of this objective in an activity's tracking state: its id, or {@code ""} for an anonymous primary. */
    public String key() {
        return id == null ? "" : id;
    }
}
