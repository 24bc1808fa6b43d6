package dev.manabi.cmi5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.ProgressRecorded;
import dev.manabi.api.Tenant;
import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.core.Database;
import dev.manabi.core.LearnerDirectory;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.ProgressLedger;
import dev.manabi.core.Sql;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.lrs.spi.StatementObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The learner's progress facts in cmi5 courses from the statements the LRS accepted (issue 14), the same way the
 * tincan module keeps its standing: as the LRS's {@link StatementObserver}, <em>in the storing transaction</em>, so
 * a fact never misses a stored statement nor counts a refused one.
 *
 * <p>It looks at the statements that move a registration: the AU's {@code completed}, {@code passed},
 * {@code failed} (written with the session's auth-token, so the cmi5 statement rules, {@link StatementRules}, have
 * checked them and recorded completed/passed in this very transaction) and the LMS's own {@code launched},
 * {@code waived} and {@code satisfied} (through the statement outbox, 9.3.1, 9.3.7, 9.3.9). A statement counts when
 * its {@code context.registration} is a cmi5 registration of the statement's institution and its object is one of
 * the LMS's activity ids of a package line that registration launched ({@code urn:manabi:cmi5/<line>/...}). A
 * {@code passed} or {@code failed} also keeps the AU's judgment and score ({@link Cmi5Standing.Store}) when its
 * authority is the session named by its session id extension, i.e. the AU wrote it with that session's token.
 *
 * <p>Then all facts of the registration are derived again from its rows over the newest version of the line
 * ({@link Cmi5Standing}) and only those that differ from the ledger are recorded; a statement sent again (a new id
 * for the same thing) changes nothing, so it records nothing and fires nothing. {@code ProgressRecorded}
 * (completion rules, badges) fires after the commit, with the learner as the host last presented them.
 *
 * <p>Registrations of xAPI agents launched by the automation API ({@link Cmi5Launcher#AGENT_LEARNER_PREFIX}) are
 * not Manabi learners: they get no progress facts (their record is the LRS's).
 */
@ApplicationScoped
public class Cmi5Progress implements StatementObserver {

    /** The verbs that can move a registration's standing. */
    static final Set<String> MOVING = Set.of(Cmi5Vocabulary.LAUNCHED.id(), Cmi5Vocabulary.COMPLETED.id(),
            Cmi5Vocabulary.PASSED.id(), Cmi5Vocabulary.FAILED.id(), Cmi5Vocabulary.WAIVED.id(),
            Cmi5Vocabulary.SATISFIED.id());

    /** {@code urn:manabi:cmi5/}: the LMS's activity ids of AUs, blocks and courses start with it. */
    private static final String ACTIVITY_PREFIX = LearnerStatement.activityId("cmi5") + "/";

    @Inject
    ProgressLedger ledger;

    @Inject
    Database database;

    Clock clock = Clock.systemUTC();

    /** A registration and the version of the line its statements are about. */
    private record Touched(Sessions.Registration registration, CourseVersions.CourseVersion version) {
    }

    @Override
    public Runnable stored(Connection c, String tenantId, List<ObjectNode> statements) throws SQLException {
        Map<String, Optional<Sessions.Registration>> known = lockRegistrations(c, tenantId, statements);
        Map<String, Optional<Touched>> touched = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (ObjectNode s : statements) {
            String verb = s.path("verb").path("id").asText("");
            String registration = registrationOf(s);
            Optional<String> line = lineOf(s.path("object").path("id").asText(""));
            if (!moves(s)) {
                continue;
            }
            Optional<Sessions.Registration> r = known.get(registration);
            if (r.isEmpty()) {
                continue;
            }
            String key = registration + "\u0000" + line.get();
            Optional<Touched> t = touched.get(key);
            if (t == null) {
                Optional<CourseVersions.CourseVersion> v = CourseVersions.Store.latest(c, line.get());
                t = v.isPresent() && launched(c, r.get(), v.get()) ? Optional.of(new Touched(r.get(), v.get()))
                        : Optional.empty();
                touched.put(key, t);
            }
            if (t.isPresent() && (verb.equals(Cmi5Vocabulary.PASSED.id()) || verb.equals(Cmi5Vocabulary.FAILED.id()))) {
                judge(c, t.get(), s, verb.equals(Cmi5Vocabulary.PASSED.id()), now);
            }
        }
        List<ProgressRecorded> events = new ArrayList<>();
        for (Optional<Touched> t : touched.values()) {
            if (t.isPresent()) {
                events.addAll(record(c, t.get(), now));
            }
        }
        return events.isEmpty() ? null : () -> events.forEach(ledger::announce);
    }

    /**
     * Finds and locks the learner registrations the moving statements name, before anything is read (review of
     * issue 14, B1): the same lock the statement rules take ({@link Sessions#lock}) and the waiver
     * ({@link Cmi5Administration#waive}), so the outbox drain's launched / waived / satisfied statements and the
     * AU's own statements of one registration derive and record its facts one after the other; otherwise both
     * transactions would read the ledger without the other's facts and insert the same fact (a duplicate key, the
     * AU's valid statement refused with 5xx) or record facts derived from rows the other had not yet committed.
     * In the order of the registration ids, so two batches naming the same registrations cannot deadlock.
     *
     * @return per registration id named, the registration when it is one of the institution's learners' (locked)
     */
    private static Map<String, Optional<Sessions.Registration>> lockRegistrations(Connection c, String tenantId,
            List<ObjectNode> statements) throws SQLException {
        Map<String, Optional<Sessions.Registration>> known = new TreeMap<>();
        for (ObjectNode s : statements) {
            if (moves(s)) {
                known.put(registrationOf(s), Optional.empty());
            }
        }
        for (Map.Entry<String, Optional<Sessions.Registration>> e : known.entrySet()) {
            Optional<Sessions.Registration> r = Sessions.registrationById(c, e.getKey()).filter(x ->
                    x.tenantId().equals(tenantId) && !x.learnerId().startsWith(Cmi5Launcher.AGENT_LEARNER_PREFIX));
            if (r.isPresent()) {
                Sessions.lockRegistration(c, r.get().registration());
            }
            e.setValue(r);
        }
        return known;
    }

    /** The statement's {@code context.registration}, lower case (UUIDs compare so), or empty. */
    private static String registrationOf(JsonNode s) {
        return s.path("context").path("registration").asText("").toLowerCase(Locale.ROOT);
    }

    /** A moving verb about one of the LMS's activities in a registration. */
    private static boolean moves(JsonNode s) {
        return MOVING.contains(s.path("verb").path("id").asText("")) && !registrationOf(s).isEmpty()
                && lineOf(s.path("object").path("id").asText("")).isPresent();
    }

    /**
     * The line of one of the LMS's activity ids ({@code urn:manabi:cmi5/<line>/au/...}, {@code .../block/...},
     * {@code .../course}), or empty for any other object.
     */
    static Optional<String> lineOf(String activityId) {
        if (!activityId.startsWith(ACTIVITY_PREFIX)) {
            return Optional.empty();
        }
        int end = activityId.indexOf('/', ACTIVITY_PREFIX.length());
        return end < 0 ? Optional.empty() : Optional.of(URLDecoder.decode(activityId.substring(
                ACTIVITY_PREFIX.length(), end), StandardCharsets.UTF_8));
    }

    /** The version belongs to the registration: imported into its course, or a line one of its sessions played. */
    private static boolean launched(Connection c, Sessions.Registration r, CourseVersions.CourseVersion v)
            throws SQLException {
        if (v.courseId().equals(r.courseId())) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("select 1 from manabi_cmi5_session s"
                + " join manabi_cmi5_course_version v on v.package_id = s.package_id"
                + " where s.registration = ? and v.line_id = ?")) {
            Sql.bind(ps, r.registration(), v.lineId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Keeps the AU's latest judgment and score (9.3.4, 9.3.5, 9.5.1) from a {@code passed} / {@code failed} the AU
     * wrote with the token of the session its session id extension names (the LRS sets the authority to that
     * session's account, home page {@link SessionCredentials#AUTHORITY_HOME_PAGE}: any other writer's copy does not
     * count, nor an authority of another home page that happens to carry the session id as its name).
     */
    private static void judge(Connection c, Touched t, JsonNode s, boolean passed, Instant now) throws SQLException {
        String sessionId = s.path("context").path("extensions").path(Cmi5Vocabulary.SESSION_ID).asText("");
        JsonNode authority = s.path("authority").path("account");
        if (sessionId.isEmpty() || !sessionId.equals(authority.path("name").asText())
                || !SessionCredentials.AUTHORITY_HOME_PAGE.equals(authority.path("homePage").asText())
                || Sessions.byId(c, sessionId).filter(x -> x.registration().equals(t.registration().registration()))
                .isEmpty()) {
            return;
        }
        String object = s.path("object").path("id").asText();
        for (Au au : t.version().structure().aus()) {
            if (Satisfaction.auActivity(t.version().lineId(), au).equals(object)) {
                Cmi5Standing.Store.judge(c, t.registration().registration(), au.id(),
                        Cmi5Standing.judgment(passed, s.path("result").path("score")), now);
                return;
            }
        }
    }

    /** Records the facts of the registration that differ from the ledger; answers their events. */
    private List<ProgressRecorded> record(Connection c, Touched t, Instant now) throws SQLException {
        Sessions.Registration r = t.registration();
        List<ProgressFact> stored = ledger.factsWithin(c, r.tenantId(), r.learnerId(), r.courseId());
        List<ProgressRecorded> events = new ArrayList<>();
        LearnerContext learner = null;
        for (ProgressFact f : Cmi5Standing.of(c, t.version(), r.registration()).facts()) {
            if (stored.contains(f)) {
                continue;
            }
            if (learner == null) {
                learner = LearnerDirectory.lastSeen(c, r.tenantId(), r.learnerId()).orElseGet(() ->
                        new LearnerContext(r.learnerId(), null, null, new Tenant(r.tenantId(), null), Set.of(),
                                null));
            }
            events.add(ledger.recordWithin(c, learner, r.courseId(), f, now));
        }
        return events;
    }

    /**
     * The learner's standing in the course's cmi5 version {@code version} (their newest registration of the
     * course; nothing done when they have none), for the player's table of contents.
     */
    Cmi5Standing standing(LearnerContext learner, String courseId, CourseVersions.CourseVersion version) {
        return Sql.inTransaction(database.ready(), c -> Cmi5Standing.of(c, version, Sessions.findRegistration(c,
                learner.tenant().id(), learner.learnerId(), courseId).orElse(null)));
    }
}
