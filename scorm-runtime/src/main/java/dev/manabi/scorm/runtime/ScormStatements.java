package dev.manabi.scorm.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.Verb;
import dev.manabi.scorm.cmi.DataModel;
import dev.manabi.scorm.cmi.Durations;
import dev.manabi.core.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The xAPI statements of SCORM 1.2 and 2004 sessions, following the ADL xAPI SCORM Profile (https://w3id.org/xapi/scorm,
 * "SCORM Profile" sections on initializing, resuming, suspending and terminating an attempt, completion and success
 * status, score, and interactions). Written by {@link ScormRuntime} into the statement outbox on the connection of
 * the launch or commit that persists the state they describe, once per real change: {@code completed} only when the
 * SCO's completion first becomes completed in the attempt, {@code passed} / {@code failed} when its success status
 * changes to it, {@code scored} when its score changes, {@code responded} when an interaction's response or result
 * changes.
 *
 * <p>Activities: the SCO {@code urn:manabi:scorm/<line>/<item>} (type lesson), its package line
 * {@code urn:manabi:scorm/<line>} (parent), the course (grouping), the profile (category); an interaction
 * {@code <SCO id>/interactions/<interaction id>} of type {@code cmi.interaction} with its interactionType and
 * correctResponsesPattern, its parent the SCO. The registration is the course attempt's id.
 *
 * <p>SCO attempt: the profile's statements about an attempt ("Initializing", "Resuming", "Suspending",
 * "Terminating an Attempt") and about learner activity during it ("Reporting Learner Activity during an Attempt")
 * require {@code context.contextActivities.grouping} to hold the course activity and then an attempt activity of type
 * {@code http://adlnet.gov/expapi/activities/attempt} whose id is the SCO IRI with {@code ?attemptId=<id>}
 * (document-schemas/scorm.profile.terminating.attempt.schema.json and its siblings). The id is a UUID kept with the
 * SCO's row ({@code xapi_attempt_id}): a new one when the SCO starts a new attempt (cmi.entry ab-initio: its first
 * launch, and in SCORM 2004 any launch after a non-suspended exit), the same one on resume. Terminated and suspended
 * carry the SCO's overall result (success, completion, score), as the terminating schema's {@code result} says.
 */
final class ScormStatements {

    static final String PROFILE = "https://w3id.org/xapi/scorm";
    static final String PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile";
    static final String LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson";
    static final String INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction";
    static final String ATTEMPT_TYPE = "http://adlnet.gov/expapi/activities/attempt";

    /** xAPI interactionType values (2.0 Part Two 2.4.4.1.2); SCORM 1.2's and 2004's cmi types are the same words. */
    private static final Set<String> INTERACTION_TYPES = Set.of("true-false", "choice", "fill-in", "long-fill-in",
            "matching", "performance", "sequencing", "likert", "numeric", "other");

    private ScormStatements() {
    }

    static String scoActivity(String lineId, String itemId) {
        return LearnerStatement.activityId("scorm", lineId, itemId);
    }

    /** The attempt activity's id (profile: the SCO IRI with {@code ?attemptId=}): one per SCO attempt. */
    static String attemptActivity(String lineId, String itemId, String scoAttemptId) {
        return scoActivity(lineId, itemId) + "?attemptId=" + scoAttemptId;
    }

    /**
     * The id of the SCO's current attempt as stored with its row; rows stored before the column existed get one
     * derived from the course attempt and the item, stable until the SCO's next new attempt.
     */
    static String scoAttemptId(Connection c, String attemptId, String itemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select xapi_attempt_id from manabi_scorm_sco_attempt"
                + " where attempt_id = ? and item_id = ?")) {
            ps.setString(1, attemptId);
            ps.setString(2, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return rs.getString(1);
                }
            }
        }
        return LearnerStatement.registration("sco-attempt\n" + attemptId + "\n" + itemId).toString();
    }

    /** The SCO begins a new attempt (cmi.entry ab-initio): answers its new id, stored with the SCO's row. */
    static String newScoAttempt(Connection c, String attemptId, String itemId) throws SQLException {
        String id = UUID.randomUUID().toString();
        Sql.update(c, "update manabi_scorm_sco_attempt set xapi_attempt_id = ? where attempt_id = ? and item_id = ?",
                id, attemptId, itemId);
        return id;
    }

    /** A session was opened: {@code resumed} when the SCO resumes a suspended attempt (cmi.entry), else initialized. */
    static void opened(StatementOutbox.Emitter e, AttemptRecord a, String scoAttempt, String itemId, String title,
                       String model, Map<String, String> launchValues) throws SQLException {
        String entry = launchValues.get(DataModel.SCORM_12.equals(model) ? "cmi.core.entry" : "cmi.entry");
        Verb verb = "resume".equals(entry) ? Verb.RESUMED : Verb.INITIALIZED;
        e.append(sco(e, verb, a, scoAttempt, itemId, title));
    }

    /**
     * An asset (a resource that does not communicate) was delivered for credit and the LMS set it completed
     * (SCORM 2004 SN 4.2.1; SCORM 1.2 by the same rule here): {@code completed}, as a SCO reporting it would get.
     */
    static void assetCompleted(StatementOutbox.Emitter e, AttemptRecord a, String scoAttempt, String itemId,
                               String title) throws SQLException {
        LearnerStatement s = sco(e, Verb.COMPLETED, a, scoAttempt, itemId, title);
        s.result().put("completion", true);
        e.append(s);
    }

    /**
     * What a commit changed, between the SCO as stored before ({@code before}) and after ({@code after}): the
     * interactions whose response or result changed, then score, completion and success, then (Terminate) suspended
     * or terminated with the session's time.
     */
    static void committed(StatementOutbox.Emitter e, AttemptRecord a, String scoAttempt, String title,
                          ScoRecord before, ScoRecord after, boolean terminate) throws SQLException {
        boolean scorm12 = DataModel.SCORM_12.equals(after.model());
        if (after.credit()) {
            for (int n : changedInteractions(before.cmi(), after.cmi())) {
                interaction(e, a, scoAttempt, after, n, scorm12);
            }
            ScoStatus was = before.status();
            ScoStatus now = after.status();
            boolean scoreChanged = !Objects.equals(before.scoreRaw(), after.scoreRaw())
                    || !Objects.equals(was.scoreScaled(), now.scoreScaled());
            if (scoreChanged && (after.scoreRaw() != null || now.scoreScaled() != null)) {
                LearnerStatement s = sco(e, Verb.SCORED, a, scoAttempt, after.itemId(), title);
                score(s, after, scorm12);
                e.append(s);
            }
            if (now.completed() && !was.completed()) {
                LearnerStatement s = sco(e, Verb.COMPLETED, a, scoAttempt, after.itemId(), title);
                s.result().put("completion", true);
                score(s, after, scorm12);
                e.append(s);
            }
            if (now.passed() != null && !now.passed().equals(was.passed())) {
                LearnerStatement s = sco(e, now.passed() ? Verb.PASSED : Verb.FAILED, a, scoAttempt, after.itemId(), title);
                s.result().put("success", now.passed());
                score(s, after, scorm12);
                e.append(s);
            }
        }
        if (terminate) {
            boolean suspend = "suspend".equals(after.exitValue());
            LearnerStatement s = sco(e, suspend ? Verb.SUSPENDED : Verb.TERMINATED, a, scoAttempt, after.itemId(), title);
            long session = Durations.parse(after.model(),
                    after.cmi().get(scorm12 ? "cmi.core.session_time" : "cmi.session_time"));
            if (session >= 0) {
                s.result().put("duration", Durations.formatIso(session));
            }
            overall(s, after, scorm12);
            e.append(s);
        }
    }

    /**
     * The SCO's overall result on terminated and suspended (profile, "Terminating an Attempt": success when the
     * success status is known, completion true for completed and false for incomplete, the score when known).
     */
    private static void overall(LearnerStatement s, ScoRecord r, boolean scorm12) {
        ScoStatus status = r.status();
        if (status.passed() != null) {
            s.result().put("success", status.passed());
        }
        if (status.completed() || "incomplete".equals(status.completion())) {
            s.result().put("completion", status.completed());
        }
        score(s, r, scorm12);
    }

    private static LearnerStatement sco(StatementOutbox.Emitter e, Verb verb, AttemptRecord a, String scoAttempt,
                                        String itemId, String title) {
        LearnerStatement s = e.statement(verb, LearnerStatement.registration(a.id()), a.courseId());
        s.activity(scoActivity(a.lineId(), itemId), LESSON_TYPE, title);
        s.contextActivity("grouping", attemptActivity(a.lineId(), itemId, scoAttempt), ATTEMPT_TYPE);
        s.contextActivity("parent", LearnerStatement.activityId("scorm", a.lineId()), LearnerStatement.MODULE_TYPE);
        s.contextActivity("category", PROFILE, PROFILE_TYPE);
        return s;
    }

    /** The SCO's score: scaled (the status' [-1, 1]), and raw with min and max when they are consistent. */
    private static void score(LearnerStatement s, ScoRecord r, boolean scorm12) {
        String prefix = scorm12 ? "cmi.core.score." : "cmi.score.";
        Double raw = ScoStatus.number(r.cmi().get(prefix + "raw"));
        Double min = ScoStatus.number(r.cmi().get(prefix + "min"));
        Double max = ScoStatus.number(r.cmi().get(prefix + "max"));
        Double scaled = r.status().scoreScaled();
        if (raw == null && scaled == null) {
            return;
        }
        ObjectNode score = s.result().putObject("score");
        if (scaled != null) {
            score.put("scaled", scaled);
        }
        if (raw != null && (min == null || raw >= min) && (max == null || raw <= max)
                && (min == null || max == null || min <= max)) {
            score.put("raw", raw);
            if (min != null) {
                score.put("min", min);
            }
            if (max != null) {
                score.put("max", max);
            }
        }
    }

    /** Indexes of the interactions whose values differ between the two data models. */
    static List<Integer> changedInteractions(Map<String, String> before, Map<String, String> after) {
        List<Integer> out = new ArrayList<>();
        for (int n = 0; after.containsKey("cmi.interactions." + n + ".id"); n++) {
            String prefix = "cmi.interactions." + n + ".";
            boolean changed = false;
            for (Map.Entry<String, String> v : after.entrySet()) {
                if (v.getKey().startsWith(prefix) && !v.getValue().equals(before.get(v.getKey()))) {
                    changed = true;
                    break;
                }
            }
            if (changed) {
                out.add(n);
            }
        }
        return out;
    }

    /** {@code responded} to interaction n: only once the SCO reported a response or a result for it. */
    private static void interaction(StatementOutbox.Emitter e, AttemptRecord a, String scoAttempt, ScoRecord r,
                                    int n, boolean scorm12) throws SQLException {
        Map<String, String> cmi = r.cmi();
        String prefix = "cmi.interactions." + n + ".";
        String response = cmi.get(prefix + (scorm12 ? "student_response" : "learner_response"));
        String result = cmi.get(prefix + "result");
        if (response == null && result == null) {
            return;
        }
        String type = cmi.get(prefix + "type");
        String id = cmi.get(prefix + "id");
        LearnerStatement s = e.statement(Verb.RESPONDED, LearnerStatement.registration(a.id()), a.courseId());
        ObjectNode d = s.activity(LearnerStatement.activityId("scorm", a.lineId(), r.itemId(), "interactions", id),
                INTERACTION_TYPE, null);
        String description = scorm12 ? null : cmi.get(prefix + "description");
        if (description != null && !description.isBlank()) {
            d.putObject("description").put("und", description);
        }
        if (type != null && INTERACTION_TYPES.contains(type)) {
            d.put("interactionType", type);
            List<String> patterns = new ArrayList<>();
            for (int m = 0; cmi.containsKey(prefix + "correct_responses." + m + ".pattern"); m++) {
                patterns.add(xapiResponse(type, cmi.get(prefix + "correct_responses." + m + ".pattern"), scorm12));
            }
            if (!patterns.isEmpty()) {
                ArrayNode p = d.putArray("correctResponsesPattern");
                patterns.forEach(p::add);
            }
        }
        s.contextActivity("parent", scoActivity(a.lineId(), r.itemId()), LESSON_TYPE);
        // Grouping: the course (added by the emitter), then the SCO attempt, as the profile's schema orders them.
        s.contextActivity("grouping", attemptActivity(a.lineId(), r.itemId(), scoAttempt), ATTEMPT_TYPE);
        s.contextActivity("grouping", LearnerStatement.activityId("scorm", a.lineId()), LearnerStatement.MODULE_TYPE);
        s.contextActivity("category", PROFILE, PROFILE_TYPE);
        if (response != null) {
            s.result().put("response", type == null ? response : xapiResponse(type, response, scorm12));
        }
        if ("correct".equals(result)) {
            s.result().put("success", true);
        } else if ("incorrect".equals(result) || "wrong".equals(result)) {
            s.result().put("success", false);
        }
        String latency = cmi.get(prefix + "latency");
        if (latency != null) {
            long cs = Durations.parse(r.model(), latency);
            if (cs >= 0) {
                s.result().put("duration", Durations.formatIso(cs));
            }
        }
        e.append(s);
    }

    /**
     * A SCORM response or pattern in xAPI's syntax (2.0 Part Two 2.4.4.1.3 "Response Patterns"): SCORM 2004 already
     * uses xAPI's {@code [,]} and {@code [.]} delimiters; SCORM 1.2 (RTE 3.4.4 cmi.interactions.n.student_response)
     * separates choices with ',' and matching pairs with '.', and writes true-false as t/f/0/1.
     */
    static String xapiResponse(String type, String value, boolean scorm12) {
        if (!scorm12 || value == null) {
            return value;
        }
        return switch (type) {
            case "true-false" -> value.equals("t") || value.equals("1") ? "true"
                    : value.equals("f") || value.equals("0") ? "false" : value;
            case "choice", "sequencing" -> String.join("[,]", value.split(",", -1));
            case "matching" -> String.join("[,]", java.util.Arrays.stream(value.split(",", -1))
                    .map(pair -> pair.replaceFirst("\\.", "[.]")).toList());
            default -> value;
        };
    }
}
