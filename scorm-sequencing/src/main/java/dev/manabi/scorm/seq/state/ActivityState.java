package dev.manabi.scorm.seq.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracking and state information of one activity (SN 4.2.1.2 activity progress, 4.2.1.3 attempt progress, 4.2.1.4
 * activity state), kept apart from its definition. Plain mutable values the runtime stores.
 */
public final class ActivityState {
    /** Activity Progress Status: the activity has been attempted at least once in this session's tracking. */
    public boolean activityProgressStatus;
    /** Activity Attempt Count. */
    public int attemptCount;
    /** Attempt Progress Status: the completion status of the current attempt is known. */
    public boolean attemptProgressStatus;
    /** Attempt Completion Status. */
    public boolean attemptCompletionStatus;
    /** 4th Edition Attempt Completion Amount Status / Amount (the progress measure, 0..1). */
    public boolean attemptCompletionAmountStatus;
    public double attemptCompletionAmount;
    /**
     * The SCO set {@code cmi.completion_status} / {@code cmi.success_status} itself during the current attempt, also
     * to "unknown" (SN 4th Ed. UP.4 "Completion Set by Content" / "Objective Set by Content"; the ADL suite's RU-19a):
     * End Attempt then leaves the status as the content set it. Reset when an attempt begins; states stored before
     * these fields existed read false ("not set"), as before.
     */
    public boolean completionSetByContent;
    public boolean successSetByContent;
    /** Activity is Active / Activity is Suspended (SN 4.2.1.4). */
    public boolean active;
    public boolean suspended;
    /** Start of the current attempt (epoch millis), for the attempt absolute duration; 0 before any attempt. */
    public long attemptStartMillis;
    /** Attempt absolute duration of the last ended attempt (millis). */
    public long attemptAbsoluteDurationMillis;
    /** Attempt / activity experienced duration (millis), summed from the SCO's session times. */
    public long attemptExperiencedDurationMillis;
    public long activityExperiencedDurationMillis;
    /**
     * The children available in this attempt after selection and randomization (SR.1/SR.2), by id, in delivery
     * order; null until the activity's children were first prepared.
     */
    public List<String> availableChildren;
    /** The attempt number for which {@link #availableChildren} were last prepared (for onEachNewAttempt). */
    public int childrenPreparedForAttempt;
    /**
     * The parent's Activity Attempt Count when this activity's objective progress information (satisfied status,
     * measure) was last recorded, and when its attempt progress information (completion, progress measure) was:
     * the parent's rollup uses them only while they belong to its current attempt if the parent's
     * {@code useCurrentAttemptObjectiveInfo} / {@code useCurrentAttemptProgressInfo} is true (SN 3.2.1). 0 means
     * "not recorded under a tracked parent attempt", which includes states stored before these fields existed: such
     * information counts as current.
     */
    public int objectiveRecordedInParentAttempt;
    public int progressRecordedInParentAttempt;
    /** Objective progress information per objective key ({@code ""} for an anonymous primary objective). */
    public Map<String, ObjectiveState> objectives = new HashMap<>();

    public ObjectiveState objective(String key) {
        return objectives.computeIfAbsent(key, k -> new ObjectiveState());
    }

    public ActivityState copy() {
        ActivityState c = new ActivityState();
        c.activityProgressStatus = activityProgressStatus;
        c.attemptCount = attemptCount;
        c.attemptProgressStatus = attemptProgressStatus;
        c.attemptCompletionStatus = attemptCompletionStatus;
        c.attemptCompletionAmountStatus = attemptCompletionAmountStatus;
        c.attemptCompletionAmount = attemptCompletionAmount;
        c.completionSetByContent = completionSetByContent;
        c.successSetByContent = successSetByContent;
        c.active = active;
        c.suspended = suspended;
        c.attemptStartMillis = attemptStartMillis;
        c.attemptAbsoluteDurationMillis = attemptAbsoluteDurationMillis;
        c.attemptExperiencedDurationMillis = attemptExperiencedDurationMillis;
        c.activityExperiencedDurationMillis = activityExperiencedDurationMillis;
        c.availableChildren = availableChildren == null ? null : new ArrayList<>(availableChildren);
        c.childrenPreparedForAttempt = childrenPreparedForAttempt;
        c.objectiveRecordedInParentAttempt = objectiveRecordedInParentAttempt;
        c.progressRecordedInParentAttempt = progressRecordedInParentAttempt;
        objectives.forEach((k, v) -> c.objectives.put(k, v.copy()));
        return c;
    }
}
