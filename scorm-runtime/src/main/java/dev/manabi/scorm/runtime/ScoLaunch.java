package dev.manabi.scorm.runtime;

import dev.manabi.api.LearnerContext;
import dev.manabi.scorm.cmi.CmiValues;
import dev.manabi.scorm.cmi.DataModel;
import dev.manabi.scorm.cmi.Durations;
import dev.manabi.scorm.pkg.AdlData;
import dev.manabi.scorm.pkg.Item;
import dev.manabi.scorm.pkg.ScormEdition;
import dev.manabi.scorm.seq.LaunchObjective;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data model a SCO finds when it calls Initialize: what it stored before (when resuming) plus the values the
 * LMS supplies from the learner, the attempt and the manifest.
 */
final class ScoLaunch {

    /** Element names whose values live for one session only (write-only or navigation). */
    static final List<String> SESSION_ONLY = List.of("cmi.exit", "cmi.session_time", "cmi.core.exit",
            "cmi.core.session_time", "adl.nav.request");

    /** adl.nav.request_valid values: decided again at every launch, so never stored. */
    static final String REQUEST_VALID = "adl.nav.request_valid.";

    /** How a launch treats the stored data. */
    record Prepared(CmiValues values, String entry, boolean newScoAttempt, long totalTimeCs) {
    }

    private ScoLaunch() {
    }

    static String model(ScormEdition edition) {
        return edition.isScorm2004() ? DataModel.SCORM_2004 : DataModel.SCORM_12;
    }

    /**
     * @param stored     the SCO's stored values, or null on first launch
     * @param lastExit   cmi.exit / cmi.core.exit of the previous session, or null
     * @param mode       normal, browse or review
     * @param shared     adl.data stores of this learner by target id
     * @param navigation what adl.nav.request_valid answers
     * @param objectiveIds the activity's declared objective ids ({@link #declaredObjectives}), SCORM 2004 only
     */
    static Prepared prepare(ScormEdition edition, Item item, LearnerContext learner, Map<String, String> stored,
                            String lastExit, long totalTimeCs, String mode, Map<String, String> shared,
                            ActivityTree.RequestValidity navigation, List<String> objectiveIds) {
        String model = model(edition);
        boolean review = "review".equals(mode);
        CmiValues v;
        String entry;
        boolean fresh;
        long total = totalTimeCs;
        if (stored == null) {
            v = new CmiValues();
            entry = "ab-initio";
            fresh = true;
        } else if (DataModel.SCORM_12.equals(model)) {
            // SCORM 1.2 RTE 3.4.4 cmi.core.entry: "resume" after a suspended exit, "" otherwise; data is kept.
            v = new CmiValues(stored);
            entry = "suspend".equals(lastExit) ? "resume" : "";
            fresh = false;
        } else if ("suspend".equals(lastExit) || ("logout".equals(lastExit) && edition != ScormEdition.SCORM_2004_4TH)
                || review) {
            // SCORM 2004 RTE 4.2.7 cmi.entry: "resume" when the previous session ended suspended (3rd Edition and
            // earlier treat "logout" alike).
            v = new CmiValues(stored);
            entry = review ? "" : "resume";
            fresh = false;
        } else {
            // Any other exit ends the SCO's attempt: the next launch starts a new attempt with a fresh data model.
            v = new CmiValues();
            entry = "ab-initio";
            fresh = true;
            total = 0;
        }
        SESSION_ONLY.forEach(v::remove);
        String credit = "normal".equals(mode) ? "credit" : "no-credit";
        if (DataModel.SCORM_12.equals(model)) {
            v.put("cmi.core.student_id", learner.learnerId());
            v.put("cmi.core.student_name", learner.displayName());
            v.put("cmi.core.credit", credit);
            v.put("cmi.core.lesson_mode", mode);
            v.put("cmi.core.entry", entry);
            v.put("cmi.core.total_time", Durations.formatTimespan(total));
            v.put("cmi.launch_data", item.dataFromLms());
            v.put("cmi.student_data.mastery_score", number(item.masteryScore()));
            v.put("cmi.student_data.max_time_allowed",
                    Durations.parseTimespan(item.maxTimeAllowed()) >= 0 ? item.maxTimeAllowed() : null);
            v.put("cmi.student_data.time_limit_action", timeLimitAction(item.timeLimitAction()));
            String status = v.get("cmi.core.lesson_status");
            if ("browse".equals(mode) && (status == null || status.equals("not attempted"))) {
                v.put("cmi.core.lesson_status", "browsed");
            }
            return new Prepared(v, entry, fresh, total);
        }
        v.put("cmi.learner_id", learner.learnerId());
        v.put("cmi.learner_name", learner.displayName());
        v.put("cmi.credit", credit);
        v.put("cmi.mode", mode);
        v.put("cmi.entry", entry);
        v.put("cmi.total_time", Durations.formatIso(total));
        v.put("cmi.launch_data", item.dataFromLms());
        v.put("cmi.max_time_allowed", Durations.parseIso(item.maxTimeAllowed()) >= 0 ? item.maxTimeAllowed() : null);
        v.put("cmi.time_limit_action", timeLimitAction(item.timeLimitAction()));
        v.put("cmi.completion_threshold", number(item.completionThreshold()));
        v.put("cmi.scaled_passing_score", number(item.scaledPassingScore()));
        v.put(REQUEST_VALID + "continue", Boolean.toString(navigation.canContinue()));
        v.put(REQUEST_VALID + "previous", Boolean.toString(navigation.canPrevious()));
        // SCORM 2004 RTE 4.4.2 adl.nav.request_valid.choice / .jump.{target=ID}: the server owns the activity tree,
        // so it knows: "true" for the targets listed, "false" for any other, given once under the element's own
        // name (DataModel answers a {target} element without a value of its own from there).
        if (!navigation.choosable().isEmpty() || !navigation.jumpable().isEmpty()) {
            v.put(REQUEST_VALID + "choice.{target}", "false");
            v.put(REQUEST_VALID + "jump.{target}", "false");
            navigation.choosable().forEach(id -> v.put(REQUEST_VALID + "choice.{target=" + id + "}", "true"));
            navigation.jumpable().forEach(id -> v.put(REQUEST_VALID + "jump.{target=" + id + "}", "true"));
        }
        // SCORM 2004 SN 4.x / RTE 4.2.17: objectives declared in the manifest appear in cmi.objectives with their ids.
        Set<String> present = new LinkedHashSet<>();
        int count = v.count("cmi.objectives");
        for (int i = 0; i < count; i++) {
            present.add(ObjectiveDefinition.normalizeId(v.get("cmi.objectives." + i + ".id")));
        }
        for (String id : objectiveIds) {
            if (present.add(ObjectiveDefinition.normalizeId(id))) {
                v.put("cmi.objectives." + count + ".id", id);
                count++;
            }
        }
        // SCORM 2004 4th Edition RTE 4.3 adl.data: the item's shared data buckets with their read/write rights.
        int n = 0;
        for (AdlData d : item.adlData()) {
            boolean read = !"false".equalsIgnoreCase(d.readSharedData());
            boolean write = !"false".equalsIgnoreCase(d.writeSharedData());
            if (!read && !write) {
                continue;
            }
            String prefix = "adl.data." + n + ".";
            v.put(prefix + "id", d.targetId());
            v.put(prefix + "store#access", read && write ? "rw" : read ? "ro" : "wo");
            v.put(prefix + "store", shared.get(d.targetId()));
            n++;
        }
        return new Prepared(v, entry, fresh, total);
    }

    /**
     * The objective values the sequencer gives the SCO at launch (RTE 4.2.17, SN 4th Ed. 4.2.1: cmi.objectives
     * initialized from the activity's objectives and the global objectives they read): each known value replaces
     * the stored one, an objective the SCO has not seen yet is appended.
     */
    static void launchObjectives(CmiValues v, List<LaunchObjective> objectives) {
        for (LaunchObjective o : objectives) {
            if (o.id() == null) {
                continue;
            }
            int count = v.count("cmi.objectives");
            int n = count;
            for (int i = 0; i < count; i++) {
                if (o.id().equals(v.get("cmi.objectives." + i + ".id"))) {
                    n = i;
                }
            }
            String p = "cmi.objectives." + n + ".";
            v.put(p + "id", o.id());
            putKnown(v, p + "success_status", o.successStatus());
            putKnown(v, p + "completion_status", o.completionStatus());
            putKnown(v, p + "score.scaled", number(o.scoreScaled()));
            putKnown(v, p + "score.raw", number(o.scoreRaw()));
            putKnown(v, p + "score.min", number(o.scoreMin()));
            putKnown(v, p + "score.max", number(o.scoreMax()));
            putKnown(v, p + "progress_measure", number(o.progressMeasure()));
        }
    }

    private static void putKnown(CmiValues v, String element, String value) {
        if (value != null && !"unknown".equals(value)) {
            v.put(element, value);
        }
    }

    /** What is stored of the launch values: all but adl.nav.request_valid, which the next launch decides again. */
    static Map<String, String> persisted(CmiValues values) {
        Map<String, String> out = new java.util.LinkedHashMap<>(values.asMap());
        out.keySet().removeIf(k -> k.startsWith(REQUEST_VALID));
        return out;
    }

    private static String timeLimitAction(String text) {
        if (text == null) {
            return null;
        }
        String normalized = text.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s*,\\s*", ",");
        return List.of("exit,message", "exit,no message", "continue,message", "continue,no message")
                .contains(normalized) ? normalized : null;
    }

    static String number(Double d) {
        return d == null ? null : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * The ids of the activity's primary and other objectives (IMS SS 1.0 5.1.5, RTE 4.2.17) from the sequencing model
     * parsed once at import and stored (issue 12: no manifest XML is read again at launch); ids are normalised as
     * the sequencer compares them ({@link ObjectiveDefinition#normalizeId}); a primary objective without an
     * {@code objectiveID} has none to show.
     */
    static List<String> declaredObjectives(Optional<dev.manabi.scorm.seq.model.ActivityTree> model, String itemId) {
        return model.flatMap(t -> t.find(itemId))
                .map(a -> a.sequencing().objectives().stream().map(ObjectiveDefinition::id)
                        .filter(id -> id != null && !id.isBlank()).toList())
                .orElse(List.of());
    }
}
