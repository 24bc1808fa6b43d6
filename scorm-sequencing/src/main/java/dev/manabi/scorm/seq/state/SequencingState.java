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

    /** Read-through base of an {@link #overlay()}: activities not yet touched here are copied from it. */
    private transient SequencingState base;

    /** The activity's state, created (or copied from the overlay's base) on first use. */
    public ActivityState activity(String id) {
        ActivityState s = activities.get(id);
        if (s == null) {
            ActivityState b = base == null ? null : base.find(id);
            s = b == null ? new ActivityState() : b.copy();
            activities.put(id, s);
        }
        return s;
    }

    /** The activity's state if it was ever touched; never creates one. */
    public ActivityState find(String id) {
        ActivityState s = activities.get(id);
        return s == null && base != null ? base.find(id) : s;
    }

    /**
     * A copy-on-write view for simulations (the look-ahead): changes stay in the overlay, and only the activities it
     * touches are copied. The base must not change while the overlay is in use.
     */
    public SequencingState overlay() {
        SequencingState o = new SequencingState(seed);
        o.base = this;
        o.currentActivity = currentActivity;
        o.suspendedActivity = suspendedActivity;
        o.sessionEnded = sessionEnded;
        return o;
    }

    /** A deep, independent copy (of an overlay: of everything it sees). */
    public SequencingState copy() {
        SequencingState c = new SequencingState(seed);
        if (base != null) {
            base.copy().activities.forEach(c.activities::put);
        }
        activities.forEach((k, v) -> c.activities.put(k, v.copy()));
        c.currentActivity = currentActivity;
        c.suspendedActivity = suspendedActivity;
        c.sessionEnded = sessionEnded;
        return c;
    }
}
