package dev.manabi.scorm.seq.state;

import java.util.HashMap;
import java.util.Map;

/**
 * Global (shared) objectives by target objective id (SN 3.10.2, 4.2.1.1). The runtime fills this from its store
 * before a request and saves it after: per learner when the organization's {@code objectivesGlobalToSystem} is
 * true (the default), else per attempt.
 */
public final class GlobalObjectives {
    public Map<String, ObjectiveState> objectives = new HashMap<>();

    public ObjectiveState get(String id) {
        return objectives.computeIfAbsent(id, k -> new ObjectiveState());
    }

    /** The objective if it exists (reading never creates one). */
    public ObjectiveState find(String id) {
        return objectives.get(id);
    }

    public GlobalObjectives copy() {
        GlobalObjectives c = new GlobalObjectives();
        objectives.forEach((k, v) -> c.objectives.put(k, v.copy()));
        return c;
    }
}
