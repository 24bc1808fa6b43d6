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

    private transient GlobalObjectives base;

    /** The objective, created (or copied from the overlay's base) on first write access. */
    public ObjectiveState get(String id) {
        ObjectiveState o = objectives.get(id);
        if (o == null) {
            ObjectiveState b = base == null ? null : base.find(id);
            o = b == null ? new ObjectiveState() : b.copy();
            objectives.put(id, o);
        }
        return o;
    }

    /** The objective if it exists (reading never creates one). */
    public ObjectiveState find(String id) {
        ObjectiveState o = objectives.get(id);
        return o == null && base != null ? base.find(id) : o;
    }

    /**
     * Forgets every global objective: a new attempt on the activity tree when they are scoped to one
     * ({@code objectivesGlobalToSystem="false"}). On an overlay the base is left as it is and no longer read.
     */
    public void clear() {
        objectives.clear();
        base = null;
    }

    /** A copy-on-write view for simulations (see {@link SequencingState#overlay()}). */
    public GlobalObjectives overlay() {
        GlobalObjectives o = new GlobalObjectives();
        o.base = this;
        return o;
    }

    public GlobalObjectives copy() {
        GlobalObjectives c = new GlobalObjectives();
        if (base != null) {
            base.copy().objectives.forEach(c.objectives::put);
        }
        objectives.forEach((k, v) -> c.objectives.put(k, v.copy()));
        return c;
    }
}
