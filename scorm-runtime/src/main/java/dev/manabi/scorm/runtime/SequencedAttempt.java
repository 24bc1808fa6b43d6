package dev.manabi.scorm.runtime;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manabi.core.Json;
import dev.manabi.core.Sql;
import dev.manabi.scorm.cmi.CmiValues;
import dev.manabi.scorm.cmi.DataModel;
import dev.manabi.scorm.cmi.Durations;
import dev.manabi.scorm.seq.CourseStatus;
import dev.manabi.scorm.seq.LaunchObjective;
import dev.manabi.scorm.seq.LookAhead;
import dev.manabi.scorm.seq.NavigationRequest;
import dev.manabi.scorm.seq.Outcome;
import dev.manabi.scorm.seq.RteResults;
import dev.manabi.scorm.seq.Sequencer;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import dev.manabi.scorm.seq.state.ObjectiveState;
import dev.manabi.scorm.seq.state.SequencingState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One SCORM 2004 attempt's sequencing session as the run-time uses it: the stored tracking state
 * ({@link SequencingState}) and global objectives loaded under the attempt's row lock, the {@link Sequencer} asked
 * for every delivery decision, and the state written back in the same transaction (SN 4.3 overall sequencing
 * process; the LMS keeps the tracking model between requests).
 *
 * <p>Global objectives (SN 3.10.2) are the attempt's own when the organization's {@code objectivesGlobalToSystem}
 * is false, else the learner's: one row per target objective id, shared with every other attempt.
 */
final class SequencedAttempt {

    /** The SCO's navigation request value meaning "none" (RTE 4.4.1 adl.nav.request default). */
    static final String NO_REQUEST = "_none_";

    /** A request that delivered nothing and left the session going (a commit without a navigation request). */
    static final Outcome NOTHING = new Outcome(Outcome.Kind.NOTHING, null, null, null);

    private final ActivityTree tree;
    private final SequencingState state;
    private final GlobalObjectives globals;
    private final boolean globalToSystem;
    private final Sequencer sequencer;
    private boolean stored;
    /** SN code of the last refused navigation request of a SCO, or null (column {@code last_refusal}). */
    private String refusal;
    /**
     * What the row holds now (state, attempt objectives, refusal; the learner's objectives by id): a save that would
     * write the same leaves the rows alone. Most commits (location, suspend data, time) change nothing the
     * sequencer tracks, and each rewrite of the state cost a few percent of a commit (issue 11's load profile).
     */
    private String savedState;
    private String savedGlobals;
    private String savedRefusal;
    private final Map<String, String> savedSystem;

    private SequencedAttempt(ActivityTree tree, SequencingState state, GlobalObjectives globals,
                             boolean globalToSystem, Clock clock, Store.Row row, Map<String, String> savedSystem) {
        this.tree = tree;
        this.state = state;
        this.globals = globals;
        this.globalToSystem = globalToSystem;
        this.sequencer = new Sequencer(tree, state, globals, clock);
        this.stored = row != null;
        this.refusal = row == null ? null : row.refusal();
        this.savedState = row == null ? null : row.stateJson();
        this.savedGlobals = row == null ? null : row.globalsJson();
        this.savedRefusal = refusal;
        this.savedSystem = savedSystem;
    }

    /**
     * The attempt's sequencing session as stored, created (selection and randomization applied from a new seed,
     * {@code seeds}) when the attempt has none yet. Call with the attempt's row locked.
     */
    static SequencedAttempt load(Connection c, AttemptRecord attempt, ActivityTree tree, boolean globalToSystem,
                                 Clock clock, LongSupplier seeds) throws SQLException {
        Store.Row row = Store.find(c, attempt.id());
        SequencingState state = row == null ? Sequencer.newState(tree, seeds.getAsLong()) : row.state();
        Map<String, String> savedSystem = new HashMap<>();
        GlobalObjectives globals = globalToSystem
                ? Store.systemObjectives(c, attempt.tenantId(), attempt.learnerId(), targetObjectives(tree),
                        savedSystem)
                : row == null ? new GlobalObjectives() : row.globals();
        return new SequencedAttempt(tree, state, globals, globalToSystem, clock, row, savedSystem);
    }

    /** Writes the state (and the global objectives) back; in the transaction that loaded it. */
    void save(Connection c, AttemptRecord attempt, Instant now) throws SQLException {
        String stateJson = Store.write(state);
        String globalsJson = Store.write(globalToSystem ? new GlobalObjectives() : globals);
        if (!stored || !stateJson.equals(savedState) || !globalsJson.equals(savedGlobals)
                || !Objects.equals(refusal, savedRefusal)) {
            Store.save(c, attempt.id(), state.seed, stateJson, globalsJson, refusal, stored, now);
            stored = true;
            savedState = stateJson;
            savedGlobals = globalsJson;
            savedRefusal = refusal;
        }
        if (globalToSystem) {
            Store.saveSystemObjectives(c, attempt.tenantId(), attempt.learnerId(), globals, savedSystem, now);
        }
    }

    /** Whether the state has a stored row (else it was created by this load). */
    boolean stored() {
        return stored;
    }

    ActivityTree tree() {
        return tree;
    }

    SequencingState state() {
        return state;
    }

    /** OP.1 for a navigation request; a request that succeeds clears the last refusal. */
    Outcome navigate(NavigationRequest request) {
        Outcome o = sequencer.navigate(request);
        if (o.kind() != Outcome.Kind.EXCEPTION) {
            refusal = null;
        }
        return o;
    }

    /** The SN code of the last refused navigation request a SCO made on Terminate, or null. */
    String refusal() {
        return refusal;
    }

    void refused(Outcome o) {
        refusal = o.exception().code();
    }

    /**
     * What opening the course asks: nothing new when an activity is current (a reload delivers it again), else
     * Resume All when an activity was suspended (SN 4.4.2: the session after a Suspend All resumes), else Start.
     */
    Outcome launch() {
        if (state.currentActivity != null) {
            return new Outcome(Outcome.Kind.DELIVER, state.currentActivity, null, null);
        }
        return navigate(NavigationRequest.of(state.suspendedActivity != null
                ? NavigationRequest.Type.RESUME_ALL : NavigationRequest.Type.START));
    }

    /** The Current Activity, or null before the session starts and after it ends. */
    String currentActivity() {
        return state.currentActivity;
    }

    /** The session ended and nothing is suspended: the attempt is over (SN 4.3 end sequencing session). */
    boolean ended() {
        return state.sessionEnded && state.currentActivity == null && state.suspendedActivity == null;
    }

    /**
     * Moves what the SCO of {@code itemId} reported into the tracking model (SN 4th Ed. 4.2.1 RTE mapping), with
     * completion and success as the data model evaluates them (RTE 4.2.4.1 completion threshold, 4.2.22.1 scaled
     * passing score), "not set" told apart from an "unknown" the SCO set ({@link #setByContent}). Only the Current
     * Activity's SCO reports: a delivery request ended any other one's attempt.
     */
    void report(String itemId, String model, Map<String, String> cmi) {
        if (!itemId.equals(state.currentActivity) || DataModel.SCORM_12.equals(model)) {
            return;
        }
        sequencer.report(itemId, results(new CmiValues(cmi)));
    }

    static RteResults results(CmiValues v) {
        ScoStatus evaluated = ScoStatus.of(DataModel.SCORM_2004, v, false);
        List<RteResults.Objective> objectives = new ArrayList<>();
        for (int i = 0; i < v.count("cmi.objectives"); i++) {
            String p = "cmi.objectives." + i + ".";
            objectives.add(new RteResults.Objective(v.get(p + "id"), v.get(p + "success_status"),
                    v.get(p + "completion_status"), ScoStatus.number(v.get(p + "score.scaled")),
                    ScoStatus.number(v.get(p + "score.raw")), ScoStatus.number(v.get(p + "score.min")),
                    ScoStatus.number(v.get(p + "score.max")), ScoStatus.number(v.get(p + "progress_measure"))));
        }
        long sessionCs = Durations.parseIso(v.get("cmi.session_time"));
        return new RteResults(setByContent(v, "cmi.completion_status", evaluated.completion()),
                setByContent(v, "cmi.success_status", evaluated.success()), evaluated.scoreScaled(),
                ScoStatus.number(v.get("cmi.score.raw")), ScoStatus.number(v.get("cmi.score.min")),
                ScoStatus.number(v.get("cmi.score.max")), ScoStatus.number(v.get("cmi.progress_measure")),
                sessionCs < 0 ? null : Duration.ofMillis(sessionCs * 10), objectives);
    }

    /**
     * The status as the SCO's GetValue answers it, or null when the SCO never set the element and the evaluation
     * (completion threshold, scaled passing score) did not decide it either: "unknown" then only means "not set",
     * and the LMS sets the status at the end of the attempt (SN 4th Ed. UP.4). An "unknown" the SCO set itself
     * (SetValue, RTE 4.2.4 / 4.2.21) stays "unknown": the content reported it, and End Attempt leaves it alone (the
     * ADL suite's RU-19a).
     */
    static String setByContent(CmiValues v, String element, String evaluated) {
        return v.get(element) == null && "unknown".equals(evaluated) ? null : evaluated;
    }

    List<LaunchObjective> launchObjectives(String itemId) {
        return sequencer.launchObjectives(itemId);
    }

    LookAhead lookAhead() {
        return sequencer.lookAhead();
    }

    /**
     * The course's status from the root's rollup (SN 4.6). Completion the rollup does not know is "incomplete" once
     * anything was delivered, else "not attempted"; success it does not know is "unknown".
     */
    ScoStatus courseStatus() {
        CourseStatus s = sequencer.courseStatus();
        var root = state.find(tree.root().id());
        boolean begun = root != null && root.activityProgressStatus;
        String completion = s.completed() == null ? (begun ? "incomplete" : "not attempted")
                : s.completed() ? "completed" : "incomplete";
        String success = s.satisfied() == null ? "unknown" : s.satisfied() ? "passed" : "failed";
        return new ScoStatus(completion, success, s.scaledScore());
    }

    /** Every target objective id the tree's objective maps read or write. */
    static Set<String> targetObjectives(ActivityTree tree) {
        Set<String> out = new LinkedHashSet<>();
        for (ActivityDefinition a : tree.activities()) {
            for (ObjectiveDefinition o : a.sequencing().objectives()) {
                for (ObjectiveMap m : o.maps()) {
                    out.add(m.targetObjectiveId());
                }
            }
        }
        return out;
    }

    // ---- persistence --------------------------------------------------------------------------------------------

    /** The tracking state as JSON: scorm-sequencing's plain public fields, nothing else (the module has no JSON). */
    static final class Store {

        private static final ObjectMapper MAPPER = Json.mapper().copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.PUBLIC_ONLY);

        record Row(SequencingState state, GlobalObjectives globals, String refusal, String stateJson,
                   String globalsJson) {
        }

        private Store() {
        }

        static Row find(Connection c, String attemptId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select state_json, objectives_json, seed, last_refusal"
                    + " from manabi_scorm_seq_state where attempt_id = ?")) {
                ps.setString(1, attemptId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    String stateJson = rs.getString(1);
                    String globalsJson = rs.getString(2);
                    SequencingState state = read(stateJson, SequencingState.class);
                    state.seed = rs.getLong(3);
                    return new Row(state, read(globalsJson, GlobalObjectives.class), rs.getString(4), stateJson,
                            globalsJson);
                }
            }
        }

        static void save(Connection c, String attemptId, long seed, String json, String objectives, String refusal,
                         boolean exists, Instant now) throws SQLException {
            if (exists) {
                Sql.update(c, "update manabi_scorm_seq_state set state_json = ?, objectives_json = ?,"
                        + " last_refusal = ?, updated_at = ? where attempt_id = ?", json, objectives, refusal,
                        Timestamp.from(now), attemptId);
            } else {
                Sql.update(c, "insert into manabi_scorm_seq_state (attempt_id, seed, state_json, objectives_json,"
                        + " last_refusal, updated_at) values (?, ?, ?, ?, ?, ?)", attemptId, seed, json,
                        objectives, refusal, Timestamp.from(now));
            }
        }

        /**
         * The learner's global objectives among {@code ids}, their rows locked until the transaction ends; their
         * stored JSON by id into {@code saved}.
         */
        static GlobalObjectives systemObjectives(Connection c, String tenantId, String learnerId, Set<String> ids,
                                                 Map<String, String> saved) throws SQLException {
            GlobalObjectives out = new GlobalObjectives();
            if (ids.isEmpty()) {
                return out;
            }
            try (PreparedStatement ps = c.prepareStatement("select objective_id, objective_json from"
                    + " manabi_scorm_seq_global where tenant_id = ? and learner_id = ? for update")) {
                ps.setString(1, tenantId);
                ps.setString(2, learnerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (ids.contains(rs.getString(1))) {
                            out.objectives.put(rs.getString(1), read(rs.getString(2), ObjectiveState.class));
                            saved.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
            return out;
        }

        /** Writes the learner's global objectives that differ from {@code saved} (their stored JSON by id). */
        static void saveSystemObjectives(Connection c, String tenantId, String learnerId, GlobalObjectives globals,
                                         Map<String, String> saved, Instant now) throws SQLException {
            Map<String, ObjectiveState> all = new HashMap<>(globals.objectives);
            for (Map.Entry<String, ObjectiveState> e : all.entrySet()) {
                String json = write(e.getValue());
                if (json.equals(saved.get(e.getKey()))) {
                    continue;
                }
                saved.put(e.getKey(), json);
                Object[] values = {json, Timestamp.from(now), tenantId, learnerId, e.getKey()};
                if (Sql.update(c, "update manabi_scorm_seq_global set objective_json = ?, updated_at = ? where"
                        + " tenant_id = ? and learner_id = ? and objective_id = ?", values) == 0) {
                    Sql.update(c, "insert into manabi_scorm_seq_global (objective_json, updated_at, tenant_id,"
                            + " learner_id, objective_id) values (?, ?, ?, ?, ?)", values);
                }
            }
        }

        static String write(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write the sequencing state", e);
            }
        }

        static <T> T read(String json, Class<T> type) {
            try {
                return MAPPER.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Corrupt stored sequencing state: " + e.getOriginalMessage(), e);
            }
        }
    }
}
