package dev.manabi.scorm.seq.state;

import java.util.HashMap;
import java.util.Map;

/**
 * The whole tracking and state model of one sequencing session's attempt on an activity tree (SN 4.2): every
 * activity's state, the Current Activity, the Suspended Activity and the seed of selection and randomization.
 * Global (shared) objectives live apart in {@link GlobalObjectives}, because their scope may be the learner's
 * whole system ({@code objectivesGlobalToSystem}).
 */
public final class SequencingState {
    /** Activity states by activity id; missing means "never touched" (all false / zero). */
    public Map<String, ActivityState> activities = new HashMap<>();
    /** Current Activity id, or null before the session starts and after it ends. */
    public String currentActivity;
    /** Suspended Activity id, or null. */
    public String suspendedActivity;
    /** Seed for selection and randomization; chosen once when the state is created and stored with it. */
    public long seed;
    /** Whether the sequencing session has ended (exit all, end of the course). */
    public boolean sessionEnded;

    public SequencingState() {
    }

    public SequencingState(long seed) {
        this.seed = seed;
    }

    public ActivityState activity(String id) {
        return activities.computeIfAbsent(id, k -> new ActivityState());
    }

    public SequencingState copy() {
        SequencingState c = new SequencingState(seed);
        activities.forEach((k, v) -> c.activities.put(k, v.copy()));
        c.currentActivity = currentActivity;
        c.suspendedActivity = suspendedActivity;
        c.sessionEnded = sessionEnded;
        return c;
    }
}
