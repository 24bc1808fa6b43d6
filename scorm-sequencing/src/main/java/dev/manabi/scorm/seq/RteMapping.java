package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.state.ActivityState;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves RTE data into the tracking model (when the SCO commits or terminates) and objective values back to the SCO
 * at launch (SN 4th Ed. 4.2.1 and RTE 4.2.17 cmi.objectives initialization from the objective maps).
 */
final class RteMapping {
    private final Context ctx;
    private final Objectives objectives;
    private final Rollup rollup;

    RteMapping(Context ctx, Objectives objectives, Rollup rollup) {
        this.ctx = ctx;
        this.objectives = objectives;
        this.rollup = rollup;
    }

    void report(ActivityDefinition a, RteResults r) {
        if (!ctx.tracked(a)) {
            return;
        }
        ActivityState st = ctx.st(a);
        // A status the SCO set, even to "unknown", is the content's: End Attempt (UP.4) leaves it alone.
        st.completionSetByContent |= r.completionStatus() != null;
        st.successSetByContent |= r.successStatus() != null;
        objectives.setCompletion(a, completion(r.completionStatus()));
        objectives.setProgressMeasure(a, r.progressMeasure());
        ObjectiveDefinition primary = a.sequencing().primaryObjective();
        objectives.setSatisfied(a, primary, success(r.successStatus()));
        objectives.setMeasure(a, primary, r.scoreScaled());
        objectives.setScores(a, primary, r.scoreRaw(), r.scoreMin(), r.scoreMax());
        for (RteResults.Objective o : r.objectives()) {
            // RTE 4.2.17: cmi.objectives.n.id is a long_identifier_type (a URI), compared as the manifest's ids are
            // (the SCO of ADL OB-12a reports "ob j 1" for the manifest's " ob%20j%201 ", and the reverse).
            String id = ObjectiveDefinition.normalizeId(o.id());
            if (id.isEmpty() || id.equals(primary.id())) {
                continue; // the primary objective follows cmi.success_status / cmi.score (SN 4th Ed. 4.2.1.1)
            }
            a.sequencing().objective(id).ifPresent(def -> {
                objectives.setSatisfied(a, def, success(o.successStatus()));
                if ("unknown".equals(o.successStatus())) {
                    objectives.writeUnknownSatisfied(def);
                }
                objectives.setMeasure(a, def, o.scoreScaled());
                objectives.setScores(a, def, o.scoreRaw(), o.scoreMin(), o.scoreMax());
                objectives.setObjectiveCompletion(a, def, o.completionStatus());
                objectives.setObjectiveProgress(a, def, o.progressMeasure());
            });
        }
        if (r.sessionTime() != null) {
            st.attemptExperiencedDurationMillis += r.sessionTime().toMillis();
            st.activityExperiencedDurationMillis += r.sessionTime().toMillis();
        }
        rollup.overall(a);
    }

    private static Boolean completion(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "completed" -> true;
            case "incomplete", "not attempted" -> false;
            default -> null;
        };
    }

    private static Boolean success(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "passed" -> true;
            case "failed" -> false;
            default -> null;
        };
    }

    /** The values of each identified objective of the activity as the SCO should see them at launch. */
    List<LaunchObjective> launchObjectives(ActivityDefinition a) {
        List<LaunchObjective> out = new ArrayList<>();
        for (ObjectiveDefinition o : a.sequencing().objectives()) {
            if (o.id() == null) {
                continue;
            }
            String success = objectives.satisfiedKnown(a, o) ? (objectives.satisfied(a, o) ? "passed" : "failed")
                    : "unknown";
            Double scaled = objectives.measureKnown(a, o) ? objectives.measure(a, o) : null;
            String completion = "unknown";
            Double progress = null;
            if (o.primary()) {
                completion = objectives.completionKnown(a) ? (objectives.completed(a) ? "completed" : "incomplete")
                        : "unknown";
                progress = objectives.progressMeasureKnown(a) ? objectives.progressMeasure(a) : null;
            } else {
                Boolean completed = objectives.objectiveCompletion(a, o);
                completion = completed == null ? "unknown" : completed ? "completed" : "incomplete";
                progress = objectives.objectiveProgress(a, o);
            }
            out.add(new LaunchObjective(o.id(), success, completion, scaled, objectives.rawScore(a, o),
                    objectives.minScore(a, o), objectives.maxScore(a, o), progress));
        }
        return out;
    }
}
