package dev.manabi.tincan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.ProgressRecorded;
import dev.manabi.api.Tenant;
import dev.manabi.core.LearnerDirectory;
import dev.manabi.core.ProgressLedger;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.lrs.spi.StatementObserver;
import dev.manabi.xapi.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The learner's standing in a tincan course from the statements their launched content sends about the package's
 * root activity: completed, passed or failed, and the score (issue 14; the guide's "Launch": the content stores the
 * launch's registration in each statement's context).
 *
 * <p>A statement counts when its {@code context.registration} is a tincan registration of the statement's
 * institution, its object is that registration's root activity, it was stored under one of that registration's own
 * launch credentials (its authority, which the LRS sets, xAPI 2.0 Part Two 2.4.9, is that credential: {@link
 * SessionCredentials#AUTHORITY_HOME_PAGE} and the credential id), and its actor is the learner that credential was
 * issued to, compared by the whole identity ({@link AgentIdentity}: the account's home page and name). Another LRS
 * credential of the institution writing into the registration moves nothing, as cmi5 counts only judgments whose
 * authority is the AU's launch session; the platform writes no statements about a tincan package's root activity.
 * Then, in
 * storing order: the verbs {@code completed}, {@code passed} and {@code failed} (ADL vocabulary) and
 * {@code result.completion: true} make the activity completed (passing or failing ends the attempt, as SCORM's
 * lesson status does); {@code passed} / {@code failed} and {@code result.success} judge it, the latest judgment
 * winning; the latest {@code result.score} is kept ({@code scaled} as a percentage, else {@code raw - min} out
 * of {@code max - min}, {@code min} 0 when absent). Other verbs ({@code attempted}, {@code experienced}...) leave the standing as it is; the launch
 * already marked the course started. Voiding a statement does not undo what it did.
 *
 * <p>It runs as the LRS's {@link StatementObserver}, in the storing transaction: the registration's standing and
 * the course's progress fact ({@code tincan}/package line, the kind and ref the course list and completion rules
 * read) commit with the statement, and {@code ProgressRecorded} (completion rules, badges) fires after the commit
 * with the learner as the host last presented them ({@link LearnerDirectory#lastSeen}).
 */
@ApplicationScoped
public class TincanProgress implements StatementObserver {

    static final String ADL_VERBS = "http://adlnet.gov/expapi/verbs/";
    private static final Set<String> ENDING_VERBS = Set.of(ADL_VERBS + "completed", ADL_VERBS + "passed",
            ADL_VERBS + "failed");

    @Inject
    ProgressLedger ledger;

    Clock clock = Clock.systemUTC();

    @Override
    public Runnable stored(Connection c, String tenantId, List<ObjectNode> statements) throws SQLException {
        Map<String, Optional<Registrations.Registration>> known = lockRegistrations(c, tenantId, statements);
        Map<String, Registrations.Registration> changed = new java.util.LinkedHashMap<>();
        Map<String, Optional<String>> writers = new java.util.HashMap<>();
        for (ObjectNode s : statements) {
            String registration = registrationOf(s);
            if (registration.isEmpty()) {
                continue;
            }
            Optional<Registrations.Registration> found = known.get(registration);
            if (found.isEmpty()) {
                continue;
            }
            Registrations.Registration current = changed.getOrDefault(registration, found.get());
            if (counts(c, s, current, writers)) {
                Registrations.Registration next = apply(current, s);
                if (!next.equals(current)) {
                    changed.put(registration, next);
                }
            }
        }
        if (changed.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        List<ProgressRecorded> events = new ArrayList<>();
        for (Registrations.Registration r : changed.values()) {
            Registrations.saveStanding(c, r, now);
            LearnerContext learner = LearnerDirectory.lastSeen(c, r.tenantId(), r.learnerId()).orElseGet(() ->
                    new LearnerContext(r.learnerId(), null, null, new Tenant(r.tenantId(), null), Set.of(), null));
            events.add(ledger.recordWithin(c, learner, r.courseId(), fact(r), now));
        }
        return () -> events.forEach(ledger::announce);
    }

    /**
     * Reads and locks the registrations the statements name before their standing is derived: each request of the
     * content is stored in a transaction of its own, and two at once would otherwise both read the standing before
     * either committed, the later writing back a standing without the earlier's result (second review of issue 14;
     * as {@code Cmi5Progress} locks its registrations). In the order of their ids, so two batches cannot deadlock.
     */
    private static Map<String, Optional<Registrations.Registration>> lockRegistrations(Connection c, String tenantId,
            List<ObjectNode> statements) throws SQLException {
        Map<String, Optional<Registrations.Registration>> known = new TreeMap<>();
        for (ObjectNode s : statements) {
            if (!registrationOf(s).isEmpty()) {
                known.put(registrationOf(s), Optional.empty());
            }
        }
        for (Map.Entry<String, Optional<Registrations.Registration>> e : known.entrySet()) {
            e.setValue(Registrations.lockById(c, tenantId, e.getKey()));
        }
        return known;
    }

    /** The statement's {@code context.registration} in lower case (as registrations are kept), or empty. */
    private static String registrationOf(JsonNode s) {
        return s.path("context").path("registration").asText("").toLowerCase(Locale.ROOT);
    }

    /**
     * About the registration's root activity, stored by one of its launch credentials, by the learner that
     * credential is for (see the class comment).
     *
     * @param writers per authority, the agent identity its statements of the registration must be by (a cache for
     *                the batch)
     */
    static boolean counts(Connection c, JsonNode s, Registrations.Registration r,
                          Map<String, Optional<String>> writers) throws SQLException {
        JsonNode object = s.path("object");
        String type = object.path("objectType").asText("Activity");
        if (!type.equals("Activity") || !r.activityId().equals(object.path("id").asText())) {
            return false;
        }
        JsonNode authority = s.path("authority").path("account");
        Optional<String> learner = Optional.empty();
        if (SessionCredentials.AUTHORITY_HOME_PAGE.equals(authority.path("homePage").asText(""))) {
            String credentialId = authority.path("name").asText("");
            learner = writers.get(credentialId);
            if (learner == null) {
                learner = Registrations.credential(c, credentialId).filter(k -> k.registration().equals(
                        r.registration())).map(Registrations.Credential::actorKey);
                writers.put(credentialId, learner);
            }
        }
        Optional<AgentIdentity> actor = AgentIdentity.of(s.path("actor"));
        return learner.isPresent() && actor.isPresent() && learner.get().equals(actor.get().key());
    }

    /** The standing after one counted statement (see the class comment). */
    static Registrations.Registration apply(Registrations.Registration r, JsonNode s) {
        String verb = s.path("verb").path("id").asText();
        JsonNode result = s.path("result");
        boolean completed = r.completed() || ENDING_VERBS.contains(verb)
                || result.path("completion").asBoolean(false);
        Boolean success = r.success();
        if (verb.equals(ADL_VERBS + "passed")) {
            success = true;
        } else if (verb.equals(ADL_VERBS + "failed")) {
            success = false;
        } else if (result.path("success").isBoolean()) {
            success = result.path("success").asBoolean();
        }
        Double score = r.score();
        Double max = r.maxScore();
        JsonNode sc = result.path("score");
        if (sc.path("scaled").isNumber()) {
            // Shifted in decimal (0.29 is 29, not 28.999999999999996), as the content wrote it.
            score = java.math.BigDecimal.valueOf(sc.path("scaled").asDouble()).movePointRight(2).doubleValue();
            max = 100.0;
        } else if (sc.path("raw").isNumber()) {
            double min = sc.path("min").asDouble(0);
            score = sc.path("raw").asDouble() - min;
            max = sc.path("max").isNumber() ? sc.path("max").asDouble() - min : null;
        }
        return r.withStanding(completed, success, score, max);
    }

    /** The course's progress fact: the package line as the part, as the course list groups components. */
    static ProgressFact fact(Registrations.Registration r) {
        return new ProgressFact(TincanPackageFormat.KIND, r.lineId(), r.completed(), r.success(), r.score(),
                r.maxScore());
    }
}
