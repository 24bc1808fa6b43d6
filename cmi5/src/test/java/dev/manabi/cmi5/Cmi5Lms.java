package dev.manabi.cmi5;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.Sql;
import dev.manabi.core.TestStatements;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.lrs.DocumentStore;
import dev.manabi.lrs.LrsCaller;
import dev.manabi.lrs.LrsClock;
import dev.manabi.lrs.StatementLedger;
import dev.manabi.lrs.spi.LaunchDocuments;
import dev.manabi.lrs.PlatformCaller;
import dev.manabi.lrs.spi.PlatformStatements;
import dev.manabi.lrs.spi.SessionCredentials;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A cmi5 LMS on a test database for the statement rules, moveOn, abandon and waive tests: one course with a block
 * of two AUs (0: CompletedAndPassed with masteryScore 0.8; 1: Completed), a block with one NotApplicable AU (2),
 * every part wired as CDI would, and one clock for all of them.
 */
final class Cmi5Lms {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");
    static final LearnerContext AUTHOR = new LearnerContext("ann", "Ann", null, new Tenant("a", "A"),
            Set.of(Role.CONTENT_AUTHOR), null);
    static final LearnerContext LEARNER = new LearnerContext("alice", "Alice", null, new Tenant("a", "A"),
            Set.of(Role.LEARNER), null);
    static final LearnerContext PLATFORM = new LearnerContext("root", "Root", null, new Tenant("p", "P"),
            Set.of(Role.PLATFORM_ADMIN), null);
    static final String AU0 = "https://example.com/q/au0";
    static final String AU1 = "https://example.com/q/au1";
    static final String AU2 = "https://example.com/q/au2";
    static final String BLOCK = "https://example.com/q/block";
    static final String EXTRAS = "https://example.com/q/extras";
    static final String LINE = "line-q";

    static final Cmi5Launcher.Site SITE = new Cmi5Launcher.Site() {
        @Override
        public String portalBase() {
            return "https://lms.example.com";
        }

        @Override
        public String packageBase(String packageId, String tenantId, String learnerId, String registration,
                                  String activityId, String sessionId) {
            return "https://content.example.com/" + packageId + "/";
        }
    };

    final DataSource ds;
    final MutableClock clock = new MutableClock(T0);
    final Cmi5Launcher launcher = new Cmi5Launcher();
    final Abandonment abandonment = new Abandonment();
    final StatementRules rules = new StatementRules();
    final Cmi5SessionCredentials credentials = new Cmi5SessionCredentials();
    final Cmi5Administration administration = new Cmi5Administration();
    final Cmi5Progress progress = new Cmi5Progress();
    final CoreFixtures core;
    final String courseId;
    /** The embedded LRS's statements and documents, as the AU reaches them. */
    final StatementLedger ledger;
    final DocumentStore documents;
    /** Outbox statements already shown to {@link #progress} by {@link #drain()}. */
    private final Set<String> drained = new java.util.HashSet<>();

    Cmi5Lms(DataSource ds, Path content) throws Exception {
        this(ds, content, CourseStructureReaderTest.course("<block id=\"" + BLOCK + "\">"
                + CourseStructureReaderTest.TEXTS
                + CourseStructureReaderTest.au(AU0, "moveOn=\"CompletedAndPassed\" masteryScore=\"0.8\"",
                "<url>index.html</url>")
                + CourseStructureReaderTest.au(AU1, "moveOn=\"Completed\"", "<url>index.html</url>") + "</block>"
                + "<block id=\"" + EXTRAS + "\">" + CourseStructureReaderTest.TEXTS
                + CourseStructureReaderTest.au(AU2, "moveOn=\"NotApplicable\"", "<url>index.html</url>")
                + "</block>"));
    }

    /** The LMS over a course structure of the test's own ({@code cmi5.xml} text, AUs at {@code index.html}). */
    Cmi5Lms(DataSource ds, Path content, String xml) throws Exception {
        this.ds = ds;
        core = new CoreFixtures(ds, content);
        CourseStructure structure = CourseStructureReader.read(CourseStructureReaderTest.parse(xml),
                Set.of("index.html"), false).structure();
        courseId = Sql.inTransaction(ds, c -> {
            Course course = core.catalog.createWithin(c, AUTHOR, new CourseCatalog.Draft(
                    LocalizedText.untagged("Quartz"), "en", CourseVisibility.TENANT, Set.of()));
            core.catalog.addComponentWithin(c, course.id(), new Course.Component("cmi5", LINE, null));
            CourseVersions.Store.insert(c, new PackageFormat.StoredVersion("pkg-q", LINE, course.id(), "a", 1, T0),
                    structure);
            return course.id();
        });
        abandonment.database = core.database;
        abandonment.outbox = core.outbox;
        abandonment.clock = clock;
        launcher.database = core.database;
        launcher.catalog = core.catalog;
        launcher.versions = new CourseVersions();
        launcher.versions.database = core.database;
        launcher.outbox = core.outbox;
        documents = new DocumentStore(core.database, new LrsClock());
        launcher.documents = new LaunchDocuments(documents);
        ledger = new StatementLedger(core.database, new LrsClock());
        launcher.statements = new PlatformStatements(ledger, core.outbox);
        launcher.clock = clock;
        launcher.abandonment = abandonment;
        launcher.directory = core.directory;
        rules.outbox = core.outbox;
        credentials.database = core.database;
        credentials.rules = rules;
        credentials.abandonment = abandonment;
        administration.database = core.database;
        administration.outbox = core.outbox;
        administration.abandonment = abandonment;
        administration.clock = clock;
        administration.audit = core.audit;
        launcher.audit = core.audit;
        progress.ledger = core.ledger;
        progress.database = core.database;
        progress.clock = clock;
    }

    /** A launch of the AU for alice, with its session credential as the LRS sees it after the fetch. */
    record Launched(Cmi5Launcher.Launch launch, String key, String secret, ObjectNode actor) {
        String sessionId() {
            return launch.sessionId();
        }

        String registration() {
            return launch.registration();
        }
    }

    Launched launch(int au, LaunchMode mode) {
        return fetched(launcher.launch(LEARNER, courseId, new Cmi5Launcher.Request(au, mode, null), SITE));
    }

    /** A Normal launch of the AU whose AU has sent {@code initialized} (9.3.2). */
    Launched initialized(int au) {
        Launched l = launch(au, null);
        post(l, defined(l, "initialized", null));
        return l;
    }

    Launched fetched(Cmi5Launcher.Launch launch) {
        String fetch = parameter(launch.url(), "fetch");
        String token = launcher.fetch(fetch.substring(fetch.lastIndexOf('/') + 1)).path("auth-token").asText();
        String[] basic = new String(java.util.Base64.getDecoder().decode(token), StandardCharsets.UTF_8)
                .split(":", 2);
        try {
            return new Launched(launch, basic[0], basic[1], (ObjectNode) JSON.readTree(parameter(launch.url(),
                    "actor")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String parameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("No " + name + " in " + url);
    }

    /** The session credential at the clock's time (as the LRS verifies it). */
    SessionCredentials.Session session(Launched l) {
        return credentials.verify(l.key(), l.secret(), clock.instant()).orElseThrow();
    }

    /**
     * Has the LRS store {@code statements} as the session: the request check, then the rules in a transaction, as
     * the LRS runs them.
     */
    void post(Launched l, ObjectNode... statements) {
        SessionCredentials.Session session = session(l);
        session.statements().checkRequest(session, List.of(statements));
        Sql.inTransaction(ds, c -> {
            session.statements().beforeStore(c, session, List.of(statements), clock.instant());
            return null;
        });
    }

    /**
     * Has the embedded LRS store {@code statements} as the session, the way an AU's POST reaches it: the request
     * check, then the ledger (statement ids compared, the rules in its transaction for the new ones only).
     */
    List<String> store(Launched l, ObjectNode... statements) {
        SessionCredentials.Session session = session(l);
        List<ObjectNode> copies = java.util.Arrays.stream(statements).map(ObjectNode::deepCopy).toList();
        session.statements().checkRequest(session, copies);
        ObjectNode authority = JSON.createObjectNode().put("objectType", "Agent");
        authority.putObject("account").put("homePage", "urn:manabi:lrs:credential").put("name", session.id());
        return ledger.store(new LrsCaller(session.id(), session.tenantId(), true, session.mayWrite(), true, authority,
                session), copies, List.of());
    }

    /** An LRS caller that reads every statement of tenant a (as the LMS's reports do). */
    static LrsCaller lrsReader() {
        return PlatformCaller.of("a");
    }

    /**
     * Has the LRS store {@code statements} as the session and show them to the progress observer, as the LRS's
     * ledger does: the request check, then in one transaction the rules, the statements completed with the session
     * as authority (xAPI 2.4.9) and the observer; its after-commit work once that committed.
     */
    void storeObserved(Launched l, ObjectNode... statements) {
        storeObserved(l, () -> { }, statements);
    }

    /** {@link #storeObserved(Launched, ObjectNode...)} that runs {@code beforeCommit} last in its transaction. */
    void storeObserved(Launched l, Runnable beforeCommit, ObjectNode... statements) {
        SessionCredentials.Session session = session(l);
        session.statements().checkRequest(session, List.of(statements));
        Runnable after = Sql.inTransaction(ds, c -> {
            session.statements().beforeStore(c, session, List.of(statements), clock.instant());
            List<ObjectNode> complete = new java.util.ArrayList<>();
            for (ObjectNode s : statements) {
                ObjectNode copy = s.deepCopy();
                ObjectNode authority = copy.putObject("authority").put("objectType", "Agent");
                authority.putObject("account").put("homePage", "urn:manabi:lrs:credential")
                        .put("name", session.id());
                complete.add(copy);
            }
            Runnable afterCommit = progress.stored(c, session.tenantId(), complete);
            beforeCommit.run();
            return afterCommit;
        });
        if (after != null) {
            after.run();
        }
    }

    /** Shows the LMS's statements queued since the last drain to the progress observer, as the outbox drain does. */
    void drain() {
        List<ObjectNode> fresh = TestStatements.queued(ds).stream().filter(s -> drained.add(s.path("id").asText()))
                .toList();
        observe("a", fresh);
    }

    /** Shows statements (as stored) to the progress observer in a transaction, then runs its after-commit work. */
    void observe(String tenantId, List<ObjectNode> statements) {
        Runnable after = Sql.inTransaction(ds, c -> progress.stored(c, tenantId, statements));
        if (after != null) {
            after.run();
        }
    }

    /**
     * A "cmi5 defined" statement of the session as a conformant AU makes it (9.3 verbs, 9.5 result, 9.6 context
     * from the context template): actor, verb, the AU as object, registration, session id, publisher id grouping,
     * the cmi5 category, and per verb the result with duration, success/completion and the moveOn category.
     */
    static ObjectNode defined(Launched l, String verb, Double scaled) {
        ObjectNode s = allowed(l, "http://adlnet.gov/expapi/verbs/" + verb);
        s.putObject("object").put("id", l.launch().activityId());
        ObjectNode activities = (ObjectNode) s.path("context").path("contextActivities");
        activities.putArray("category").addObject().put("id", Cmi5Vocabulary.CATEGORY_CMI5);
        ObjectNode result = JSON.createObjectNode();
        switch (verb) {
            case "completed" -> result.put("completion", true);
            case "passed" -> result.put("success", true);
            case "failed" -> result.put("success", false);
            default -> { }
        }
        if (result.has("success") || result.has("completion")) {
            ((ArrayNode) activities.get("category")).addObject().put("id", Cmi5Vocabulary.CATEGORY_MOVE_ON);
        }
        if (scaled != null) {
            result.putObject("score").put("scaled", scaled);
        }
        if (!verb.equals("initialized")) {
            result.put("duration", "PT1M");
        }
        if (!result.isEmpty()) {
            s.set("result", result);
        }
        return s;
    }

    /** A "cmi5 allowed" statement (7.1.3): any verb, the context template, no cmi5 category. */
    static ObjectNode allowed(Launched l, String verbId) {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", UUID.randomUUID().toString());
        s.set("actor", l.actor().deepCopy());
        s.putObject("verb").put("id", verbId);
        s.putObject("object").put("id", "https://example.com/q/page-1");
        ObjectNode context = s.putObject("context");
        context.put("registration", l.registration());
        context.putObject("contextActivities").putArray("grouping").addObject().put("id",
                auId(l.launch().activityId()));
        context.putObject("extensions").put(Cmi5Vocabulary.SESSION_ID, l.sessionId());
        return s;
    }

    /** The publisher id of a launch's AU (its activity id ends with it, percent-encoded). */
    static String auId(String activityId) {
        return URLDecoder.decode(activityId.substring(activityId.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    void advance(Duration d) {
        clock.now = clock.now.plus(d);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
