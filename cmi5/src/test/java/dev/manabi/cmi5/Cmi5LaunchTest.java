package dev.manabi.cmi5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
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
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cmi5 launch on H2 and PostgreSQL (cmi5 Quartz 8, 9.3.1, 10, 11): the registration, the launch URL parameters,
 * LMS.LaunchData, the learner preferences, the launched statement, the one-time fetch URL and the session token
 * as an LRS credential of that registration only.
 */
class Cmi5LaunchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");
    private static final LearnerContext AUTHOR = new LearnerContext("ann", "Ann", null, new Tenant("a", "A"),
            Set.of(Role.CONTENT_AUTHOR), null);
    private static final LearnerContext LEARNER = new LearnerContext("alice", "Alice", null, new Tenant("a", "A"),
            Set.of(Role.LEARNER), Locale.JAPANESE);
    private static final LearnerContext OTHER = new LearnerContext("bob", "Bob", null, new Tenant("b", "B"),
            Set.of(Role.LEARNER), Locale.ENGLISH);
    private static final String AU_ID = "https://example.com/geology/au1";

    @TempDir
    Path content;

    private record Fixture(DataSource ds, Cmi5Launcher launcher, DocumentStore documents,
                           Cmi5SessionCredentials credentials, String courseId, String packageId,
                           StatementLedger ledger) {
    }

    private Fixture fixture(DataSource ds) throws Exception {
        return fixture(ds, "0.8");
    }

    /** The course: AU 0 with {@code masteryScore} and launch parameters, AU 1 at an absolute URL. */
    private Fixture fixture(DataSource ds, String masteryScore) throws Exception {
        CoreFixtures core = new CoreFixtures(ds, content);
        CourseStructure structure = CourseStructureReader.read(CourseStructureReaderTest.parse(
                CourseStructureReaderTest.course(CourseStructureReaderTest.au(AU_ID, "moveOn=\"CompletedAndPassed\""
                        + " masteryScore=\"" + masteryScore + "\"", "<url>index.html#start</url><launchParameters>level=2"
                        + "</launchParameters><entitlementKey>ek-1</entitlementKey>")
                        + CourseStructureReaderTest.au("https://example.com/geology/au2", "",
                        "<url>https://au.example.com/run?x=1</url>"))), Set.of("index.html"), false).structure();
        String[] ids = Sql.inTransaction(ds, c -> {
            Course course = core.catalog.createWithin(c, AUTHOR, new CourseCatalog.Draft(
                    LocalizedText.untagged("Geology"), "en", CourseVisibility.TENANT, Set.of()));
            core.catalog.addComponentWithin(c, course.id(), new Course.Component("cmi5", "line-1", null));
            CourseVersions.Store.insert(c, new PackageFormat.StoredVersion("pkg-1", "line-1", course.id(), "a", 1,
                    T0), structure);
            return new String[] {course.id(), "pkg-1"};
        });
        Cmi5Launcher launcher = new Cmi5Launcher();
        launcher.database = core.database;
        launcher.catalog = core.catalog;
        launcher.versions = new CourseVersions();
        launcher.versions.database = core.database;
        launcher.outbox = core.outbox;
        DocumentStore documents = new DocumentStore(core.database, new LrsClock());
        launcher.documents = new LaunchDocuments(documents);
        StatementLedger ledger = new StatementLedger(core.database, new LrsClock());
        launcher.statements = new PlatformStatements(ledger, core.outbox);
        launcher.clock = Clock.fixed(T0, ZoneOffset.UTC);
        launcher.directory = core.directory;
        launcher.abandonment = new Abandonment();
        launcher.abandonment.database = core.database;
        launcher.abandonment.outbox = core.outbox;
        launcher.abandonment.clock = launcher.clock;
        Cmi5SessionCredentials credentials = new Cmi5SessionCredentials();
        credentials.database = core.database;
        credentials.abandonment = launcher.abandonment;
        credentials.rules = new StatementRules();
        return new Fixture(ds, launcher, documents, credentials, ids[0], ids[1], ledger);
    }

    private static final Cmi5Launcher.Site SITE = new Cmi5Launcher.Site() {
        @Override
        public String portalBase() {
            return "https://lms.example.com/ctx";
        }

        @Override
        public String packageBase(String packageId, String tenantId, String learnerId, String registration,
                                  String activityId, String sessionId) {
            return "https://content.example.com/ctx/manabi/content/c/" + packageId + "-" + sessionId + "/";
        }
    };

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A Normal launch of AU 0 for the learner, without returnURL. */
    private static Cmi5Launcher.Launch launch(Fixture f) {
        return f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null, null), SITE);
    }

    /** The key of the agent of the launch URL (as the LRS keys documents). */
    private static String agentKey(Cmi5Launcher.Launch launch) throws Exception {
        return dev.manabi.xapi.AgentIdentity.of(JSON.readTree(query(launch.url()).get("actor"))).orElseThrow().key();
    }

    /** The launch's {@code LMS.LaunchData} as the LRS holds it. */
    private static java.util.Optional<DocumentStore.Document> launchData(Fixture f, Cmi5Launcher.Launch launch)
            throws Exception {
        return f.documents().get("a", new DocumentStore.Scope(DocumentStore.Kind.STATE, launch.activityId(),
                agentKey(launch), launch.registration()), "LMS.LaunchData");
    }

    /** The key and secret of the session token the launch's fetch URL hands out. */
    private static String[] token(Fixture f, Cmi5Launcher.Launch launch) {
        String answer = f.launcher.fetch(query(launch.url()).get("fetch").replaceFirst("^.*/", ""))
                .path("auth-token").asText();
        return new String(Base64.getDecoder().decode(answer), StandardCharsets.UTF_8).split(":", 2);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_launch_gives_the_url_parameters_and_keeps_one_registration(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        Cmi5Launcher.Launch first = f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null,
                "https://lms.example.com/ctx/course.html"), SITE);
        Map<String, String> q = query(first.url());
        assertThat(first.url()).startsWith("https://content.example.com/ctx/manabi/content/c/pkg-1-"
                + first.sessionId() + "/index.html?").endsWith("#start");
        assertThat(q).containsOnlyKeys("endpoint", "fetch", "actor", "registration", "activityId");
        assertThat(q.get("endpoint")).isEqualTo("https://lms.example.com/ctx/manabi/xapi/");
        assertThat(q.get("fetch")).startsWith("https://lms.example.com/ctx/manabi/cmi5/fetch/");
        assertThat(JSON.readTree(q.get("actor"))).isEqualTo(JSON.readTree("{\"objectType\":\"Agent\",\"account\":"
                + "{\"homePage\":\"https://manabi.invalid/tenants/a/\",\"name\":\"alice\"}}"));
        assertThat(q.get("registration")).isEqualTo(first.registration());
        assertThat(q.get("activityId")).isEqualTo(first.activityId()).isNotEqualTo(AU_ID).startsWith("urn:manabi:");
        assertThat(first.launchMethod()).isEqualTo(CourseStructure.LaunchMethod.AnyWindow);

        Cmi5Launcher.Launch second = f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0,
                LaunchMode.Review, null), SITE);
        assertThat(second.registration()).isEqualTo(first.registration());
        assertThat(second.activityId()).isEqualTo(first.activityId());
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());

        Cmi5Launcher.Launch absolute = f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(1, null,
                null), SITE);
        assertThat(absolute.url()).startsWith("https://au.example.com/run?x=1&endpoint=");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void launch_data_and_learner_preferences_are_in_the_lrs_before_the_url(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        Cmi5Launcher.Launch launch = f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0,
                LaunchMode.Browse, "https://lms.example.com/ctx/course.html"), SITE);
        String agentKey = agentKey(launch);
        DocumentStore.Document state = launchData(f, launch).orElseThrow();
        assertThat(state.contentType()).isEqualTo("application/json");
        assertThat(JSON.readTree(state.content())).isEqualTo(JSON.readTree("""
                {"contextTemplate": {
                   "contextActivities": {"grouping": [{"objectType": "Activity", "id": "%s"}]},
                   "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": "%s"}},
                 "launchMode": "Browse", "moveOn": "CompletedAndPassed", "launchParameters": "level=2",
                 "masteryScore": 0.8, "returnURL": "https://lms.example.com/ctx/course.html",
                 "entitlementKey": {"courseStructure": "ek-1"}}""".formatted(AU_ID, launch.sessionId())));
        DocumentStore.Document preferences = f.documents().get("a", new DocumentStore.Scope(
                DocumentStore.Kind.AGENT_PROFILE, null, agentKey, null), "cmi5LearnerPreferences").orElseThrow();
        assertThat(JSON.readTree(preferences.content()).path("languagePreference").asText()).isEqualTo("ja");
        assertThat(JSON.readTree(preferences.content()).has("audioPreference")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_learners_audio_preference_is_in_the_learner_preferences_and_omitted_when_unset(DataSource ds)
            throws Exception {
        Fixture f = fixture(ds);
        DocumentStore.Scope scope = new DocumentStore.Scope(DocumentStore.Kind.AGENT_PROFILE, null,
                agentKey(f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null, null), SITE)),
                null);
        // cmi5 11.2: "on" or "off"; without a value the AU "MAY use its own default value"
        f.launcher.directory.setAudioPreference(LEARNER, "off");
        f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null, null), SITE);
        JsonNode off = JSON.readTree(f.documents().get("a", scope, "cmi5LearnerPreferences").orElseThrow().content());
        assertThat(off.path("audioPreference").asText()).isEqualTo("off");
        assertThat(off.path("languagePreference").asText()).isEqualTo("ja");
        f.launcher.directory.setAudioPreference(LEARNER, "on");
        f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null, null), SITE);
        assertThat(JSON.readTree(f.documents().get("a", scope, "cmi5LearnerPreferences").orElseThrow().content())
                .path("audioPreference").asText()).isEqualTo("on");
        // forgotten in Manabi: omitted at the next launch, not the earlier launch's value kept
        f.launcher.directory.setAudioPreference(LEARNER, null);
        f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null, null), SITE);
        JsonNode unset = JSON.readTree(f.documents().get("a", scope, "cmi5LearnerPreferences").orElseThrow()
                .content());
        assertThat(unset.has("audioPreference")).isFalse();
        assertThat(unset.path("languagePreference").asText()).isEqualTo("ja");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_lms_records_a_launched_statement_with_the_cmi5_context(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        Cmi5Launcher.Launch launch = f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null,
                null), SITE);
        List<ObjectNode> queued = TestStatements.queued(ds);
        assertThat(queued).hasSize(1);
        ObjectNode s = queued.get(0);
        assertThat(s.path("verb").path("id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/launched");
        assertThat(s.path("object").path("id").asText()).isEqualTo(launch.activityId());
        assertThat(s.path("actor")).isEqualTo(JSON.readTree(query(launch.url()).get("actor")));
        JsonNode context = s.path("context");
        assertThat(context.path("registration").asText()).isEqualTo(launch.registration());
        assertThat(context.findValuesAsText("id")).contains(AU_ID,
                "https://w3id.org/xapi/cmi5/context/categories/cmi5");
        JsonNode ext = context.path("extensions");
        String e = "https://w3id.org/xapi/cmi5/context/extensions/";
        assertThat(ext.path(e + "sessionid").asText()).isEqualTo(launch.sessionId());
        assertThat(ext.path(e + "launchmode").asText()).isEqualTo("Normal");
        assertThat(ext.path(e + "moveon").asText()).isEqualTo("CompletedAndPassed");
        assertThat(ext.path(e + "masteryscore").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(ext.path(e + "launchparameters").asText()).isEqualTo("level=2");
        assertThat(ext.path(e + "launchurl").asText()).isEqualTo(launch.url().substring(0,
                launch.url().indexOf('?')) + "#start");
    }

    /**
     * Issue 14 review A-9: a session's credential is limited to the agent of its own launch URL (9.2: "The Actor
     * property will be defined by the LMS"; 11: the agent "MUST match the actor property generated by the LMS at AU
     * launch time"), even when a later launch gave the registration another agent (here: the learner's account name
     * changed, as a new outbox key makes it).
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_session_keeps_the_actor_of_its_launch_url(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        Cmi5Launcher.Launch launch = launch(f);
        String[] basic = token(f, launch);
        Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_cmi5_registration set actor = ? where"
                + " registration = ?", "{\"objectType\":\"Agent\",\"account\":{\"homePage\":"
                + "\"https://manabi.invalid/tenants/a/\",\"name\":\"renamed\"}}", launch.registration()));

        SessionCredentials.Session session = f.credentials().verify(basic[0], basic[1], T0).orElseThrow();
        assertThat(session.actor().key()).isEqualTo(agentKey(launch));
    }

    /**
     * Issue 14 review A-6: two first launches of one learner and course at the same moment (two tabs, a double
     * click) make one registration, not two; before, each found none and made its own, and later launches picked
     * either. Several learners, each launching twice at once from two threads.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void two_first_launches_at_the_same_moment_make_one_registration(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 8; i++) {
                LearnerContext learner = new LearnerContext("racer-" + i, "Racer", null, new Tenant("a", "A"),
                        Set.of(Role.LEARNER), null);
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                List<java.util.concurrent.Future<Cmi5Launcher.Launch>> launches = new java.util.ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    launches.add(pool.submit(() -> {
                        together.await();
                        return f.launcher.launch(learner, f.courseId(), new Cmi5Launcher.Request(0, null,
                                null), SITE);
                    }));
                }
                String first = launches.get(0).get().registration();
                assertThat(launches.get(1).get().registration()).as("learner " + i).isEqualTo(first);
                assertThat(Sql.<Integer>inTransaction(ds, c -> {
                    try (var ps = c.prepareStatement("select count(*) from manabi_cmi5_registration"
                            + " where learner_id = ?")) {
                        ps.setString(1, learner.learnerId());
                        try (var rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getInt(1);
                        }
                    }
                })).as("registrations of learner " + i).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Issue 14 review A-5: a masteryScore with more than 4 places (imported with a warning) is rounded once at launch
     * (section 10: "up to 4 decimal places"), and the launch data, the launched statement and the session row the
     * statement rules read carry that one value.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_mastery_score_of_more_places_is_rounded_once_for_launch_data_launched_and_the_rules(DataSource ds)
            throws Exception {
        Fixture f = fixture(ds, "0.12345");
        Cmi5Launcher.Launch launch = launch(f);
        DocumentStore.Document state = launchData(f, launch).orElseThrow();
        assertThat(JSON.readTree(state.content()).path("masteryScore").decimalValue()).isEqualByComparingTo("0.1235");
        assertThat(TestStatements.queued(ds).get(0).path("context").path("extensions")
                .path("https://w3id.org/xapi/cmi5/context/extensions/masteryscore").decimalValue())
                .isEqualByComparingTo("0.1235");
        java.math.BigDecimal row = Sql.inTransaction(ds, c -> Sessions.byId(c, launch.sessionId()).orElseThrow()
                .masteryScore());
        assertThat(row).isEqualByComparingTo("0.1235");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_launched_statement_is_in_the_lrs_when_the_launch_returns(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null, null), SITE);
        // 9.3: stored at once, not only queued for the outbox's drain (which has not run here)
        ObjectNode queued = TestStatements.queued(ds).get(0);
        String id = queued.path("id").asText();
        StatementLedger.Found stored = f.ledger().find(PlatformCaller.of("a"), id, false).orElseThrow();
        assertThat(stored.statement().path("verb").path("id").asText())
                .isEqualTo("http://adlnet.gov/expapi/verbs/launched");
        assertThat(stored.statement().path("authority")).isEqualTo(PlatformCaller.authority());
        // the drain later delivers the outbox row: the same statement, accepted without a conflict, stored once
        f.ledger().store(PlatformCaller.of("a"), List.of(queued), List.of());
        assertThat(f.ledger().find(PlatformCaller.of("a"), id, false).orElseThrow().stored())
                .isEqualTo(stored.stored());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_platform_statements_spi_stores_only_a_statement_queued_in_the_outbox(DataSource ds) throws Exception {
        // The SPI offers content modules no full-power caller: only "store the statement you queued, by its id".
        Fixture f = fixture(ds);
        f.launcher.statements = new PlatformStatements(f.ledger(), f.launcher.outbox) {
            @Override
            public boolean storeQueued(String tenantId, String statementId) {
                return false; // the launch leaves its statement in the outbox
            }
        };
        f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null, null), SITE);
        String id = TestStatements.queued(ds).get(0).path("id").asText();
        PlatformStatements spi = new PlatformStatements(f.ledger(), f.launcher.outbox);
        assertThat(spi.storeQueued("b", id)).isFalse(); // another institution's id: nothing
        assertThat(spi.storeQueued("a", UUID.randomUUID().toString())).isFalse(); // never queued
        assertThat(f.ledger().find(PlatformCaller.of("a"), id, false)).isEmpty();
        assertThat(f.ledger().find(PlatformCaller.of("b"), id, false)).isEmpty();
        assertThat(spi.storeQueued("a", id)).isTrue();
        assertThat(f.ledger().find(PlatformCaller.of("a"), id, false)).isPresent();
    }

    /**
     * Issue 14 review A-11: when the LRS cannot store {@code launched} right after the launch committed, the launch
     * still answers its URL (the session exists, its launch data is written) and the outbox keeps the statement
     * for later, instead of a 500 and a session the AU never sees.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_launch_whose_launched_statement_the_lrs_cannot_store_now_still_answers(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        f.launcher.statements = new PlatformStatements(new StatementLedger() {
            @Override
            public List<String> store(dev.manabi.lrs.LrsCaller caller, List<ObjectNode> statements,
                                      java.util.Collection<Attachment> attachments) {
                throw new PlayerException(503, "database-error", "The database could not complete the request");
            }
        }, f.launcher.outbox);
        Cmi5Launcher.Launch launch = launch(f);

        assertThat(token(f, launch)[1]).isNotBlank();
        assertThat(TestStatements.queued(ds)).singleElement().satisfies(s -> assertThat(s.at("/verb/id").asText())
                .isEqualTo("http://adlnet.gov/expapi/verbs/launched"));
        assertThat(launchData(f, launch)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_fetch_url_answers_one_token_for_that_registration_and_session_only(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        Cmi5Launcher.Launch launch = f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null,
                null), SITE);
        String key = query(launch.url()).get("fetch").replaceFirst("^.*/", "");
        ObjectNode first = f.launcher.fetch(key);
        assertThat(first.fieldNames()).toIterable().containsExactly("auth-token");
        ObjectNode again = f.launcher.fetch(key);
        assertThat(again.path("error-code").asText()).isEqualTo("1");
        assertThat(again.path("error-text").asText()).isNotBlank();
        assertThat(f.launcher.fetch("no-such-key").path("error-code").asText()).isEqualTo("2");

        String[] basic = new String(Base64.getDecoder().decode(first.path("auth-token").asText()),
                StandardCharsets.UTF_8).split(":", 2);
        SessionCredentials.Session session = f.credentials().verify(basic[0], basic[1], T0).orElseThrow();
        assertThat(session.registration()).isEqualTo(launch.registration());
        assertThat(session.tenantId()).isEqualTo("a");
        // cmi5 section 12: the AU may write the activity profile of its own activity id, no other
        assertThat(session.profileActivities()).containsExactly(launch.activityId());
        assertThat(session.activities()).isNull();
        assertThat(f.credentials().verify(basic[0], basic[1] + "x", T0)).isEmpty();
        assertThat(f.credentials().verify(basic[0], basic[1], T0.plus(Duration.ofHours(9)))).isEmpty();

        Cmi5Launcher.Launch late = f.launcher.launch(LEARNER, f.courseId(), new Cmi5Launcher.Request(0, null,
                null), SITE);
        f.launcher.clock = Clock.fixed(T0.plus(Duration.ofHours(9)), ZoneOffset.UTC);
        assertThat(f.launcher.fetch(query(late.url()).get("fetch").replaceFirst("^.*/", ""))
                .path("error-code").asText()).isEqualTo("1");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void another_institution_or_a_missing_au_gets_404(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        PlayerException other = catchThrowableOfType(PlayerException.class, () -> f.launcher.launch(OTHER,
                f.courseId(), new Cmi5Launcher.Request(0, null, null), SITE));
        assertThat(other.status()).isEqualTo(404);
        PlayerException missing = catchThrowableOfType(PlayerException.class, () -> f.launcher.launch(LEARNER,
                f.courseId(), new Cmi5Launcher.Request(5, null, null), SITE));
        assertThat(missing.code()).isEqualTo("cmi5-au-not-found");
        assertThat(TestStatements.queued(ds)).isEmpty();
    }
}
