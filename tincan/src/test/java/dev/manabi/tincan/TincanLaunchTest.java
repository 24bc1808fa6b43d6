package dev.manabi.tincan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.Sql;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.xapi.AgentIdentity;
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
 * tincan launch and progress on H2 and PostgreSQL: the five launch parameters, the registration kept per learner
 * and course, {@code auth} as an LRS credential of that registration only until it expires, 404 across
 * institutions, and the learner's standing from statements about the root activity.
 */
class TincanLaunchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");
    static final String ROOT_ID = TincanXmlReaderTest.ROOT_ID;
    private static final LearnerContext AUTHOR = new LearnerContext("ann", "Ann", null, new Tenant("a", "A"),
            Set.of(Role.CONTENT_AUTHOR), null);
    static final LearnerContext LEARNER = new LearnerContext("alice", "Alice", null, new Tenant("a", "A"),
            Set.of(Role.LEARNER), Locale.JAPANESE);
    /** A learner id that is a mail address: the actor carries its keyed hash, never the address. */
    private static final LearnerContext MAILED = new LearnerContext("carol@uni-a.example", "Carol", null,
            new Tenant("a", "A"), Set.of(Role.LEARNER), null);
    static final LearnerContext OTHER = new LearnerContext("bob", "Bob", null, new Tenant("b", "B"),
            Set.of(Role.LEARNER), Locale.ENGLISH);

    @TempDir
    Path content;

    record Fixture(CoreFixtures core, TincanLauncher launcher, TincanCredentials credentials,
                           TincanProgress progress, String courseId) {
    }

    private Fixture fixture(DataSource ds) throws Exception {
        return fixture(ds, content);
    }

    /** The course {@code Geology} of tenant a with the tincan package line {@code line-1}, and its parts wired. */
    static Fixture fixture(DataSource ds, Path content) throws Exception {
        CoreFixtures core = new CoreFixtures(ds, content);
        TincanPackage tincan = TincanXmlReader.read(TincanXmlReaderTest.parse(TincanXmlReaderTest.tincan(
                TincanXmlReaderTest.activity(ROOT_ID, TincanPackage.COURSE_TYPE, "<name lang=\"en\">Geology</name>"
                        + "<launch lang=\"en\">index.html#start</launch><launch lang=\"ja\">ja/index.html</launch>"))),
                Set.of("index.html", "ja/index.html"), false).tincan();
        String courseId = Sql.inTransaction(ds, c -> {
            Course course = core.catalog.createWithin(c, AUTHOR, new CourseCatalog.Draft(
                    LocalizedText.untagged("Geology"), "en", CourseVisibility.TENANT, Set.of()));
            core.catalog.addComponentWithin(c, course.id(), new Course.Component("tincan", "line-1", null));
            TincanVersions.Store.insert(c, new PackageFormat.StoredVersion("pkg-1", "line-1", course.id(), "a", 1,
                    T0), tincan);
            return course.id();
        });
        TincanLauncher launcher = new TincanLauncher();
        launcher.database = core.database;
        launcher.catalog = core.catalog;
        launcher.versions = new TincanVersions();
        launcher.versions.database = core.database;
        launcher.outbox = core.outbox;
        launcher.ledger = core.ledger;
        launcher.clock = Clock.fixed(T0, ZoneOffset.UTC);
        TincanCredentials credentials = new TincanCredentials();
        credentials.database = core.database;
        TincanProgress progress = new TincanProgress();
        progress.ledger = core.ledger;
        progress.clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        return new Fixture(core, launcher, credentials, progress, courseId);
    }

    static final TincanLauncher.Site SITE = new TincanLauncher.Site() {
        @Override
        public String portalBase() {
            return "https://lms.example.com/ctx";
        }

        @Override
        public String packageBase(String packageId, String registration, String activityId, String credentialId) {
            return "https://content.example.com/ctx/manabi/content/c/" + packageId + "-" + registration + "/";
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

    /** The key and secret of a launch's {@code auth} ({@code Basic base64(key:secret)}). */
    private static String[] basic(String auth) {
        assertThat(auth).startsWith("Basic ");
        return new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8).split(":", 2);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_launch_gives_the_five_parameters_and_keeps_one_registration(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        TincanLauncher.Launch first = f.launcher().launch(LEARNER, f.courseId(), SITE);
        Map<String, String> q = query(first.url());
        assertThat(first.url()).startsWith("https://content.example.com/ctx/manabi/content/c/pkg-1-"
                + first.registration() + "/ja/index.html?");
        assertThat(q).containsOnlyKeys("endpoint", "auth", "actor", "registration", "activity_id");
        assertThat(q.get("endpoint")).isEqualTo("https://lms.example.com/ctx/manabi/xapi/");
        assertThat(basic(q.get("auth"))[0]).startsWith("tincan-");
        assertThat(JSON.readTree(q.get("actor"))).isEqualTo(JSON.readTree("{\"objectType\":\"Agent\",\"account\":"
                + "{\"homePage\":\"https://manabi.invalid/tenants/a/\",\"name\":\"alice\"}}"));
        assertThat(UUID.fromString(q.get("registration")).toString()).isEqualTo(first.registration());
        assertThat(q.get("activity_id")).isEqualTo(ROOT_ID).isEqualTo(first.activityId());
        assertThat(first.authExpiresAt()).isEqualTo(T0.plus(TincanLauncher.DEFAULT_CREDENTIAL_LIFETIME));

        TincanLauncher.Launch second = f.launcher().launch(LEARNER, f.courseId(), SITE);
        assertThat(second.registration()).isEqualTo(first.registration());
        assertThat(query(second.url()).get("auth")).isNotEqualTo(q.get("auth"));

        TincanLauncher.Launch english = f.launcher().launch(OTHER_IN_A, f.courseId(), SITE);
        assertThat(english.url()).contains("/index.html?").endsWith("#start");
        assertThat(english.registration()).isNotEqualTo(first.registration());
    }

    private static final LearnerContext OTHER_IN_A = new LearnerContext("dan", "Dan", null, new Tenant("a", "A"),
            Set.of(Role.LEARNER), Locale.ENGLISH);

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_actor_of_a_mail_like_learner_id_is_the_keyed_hash_manabis_own_statements_use(DataSource ds)
            throws Exception {
        Fixture f = fixture(ds);
        JsonNode actor = JSON.readTree(query(f.launcher().launch(MAILED, f.courseId(), SITE).url()).get("actor"));
        assertThat(actor.path("account").path("name").asText()).startsWith("h:")
                .isEqualTo(f.core().outbox.accountName(MAILED)).doesNotContain("carol");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void auth_is_a_credential_of_that_registration_until_it_expires(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        TincanLauncher.Launch launch = f.launcher().launch(LEARNER, f.courseId(), SITE);
        String[] auth = basic(query(launch.url()).get("auth"));
        assertThat(auth[0]).startsWith(f.credentials().keyPrefix());
        SessionCredentials.Session session = f.credentials().verify(auth[0], auth[1], T0).orElseThrow();
        assertThat(session.registration()).isEqualTo(launch.registration());
        assertThat(session.tenantId()).isEqualTo("a");
        // limited to the launch's learner: the LRS refuses statements of other actors and other learners'
        // documents; the learner's own agent profile is the content's to write (no LMS-owned documents in tincan)
        assertThat(session.actor()).isEqualTo(AgentIdentity.of(JSON.readTree(query(launch.url()).get("actor")))
                .orElseThrow());
        assertThat(session.writesAgentProfile()).isTrue();
        assertThat(session.lmsStateIds()).isEmpty();
        assertThat(session.mayWrite()).isTrue();
        // limited to the package's activities: the root, and ids under it as a path
        assertThat(session.activities().contains(ROOT_ID)).isTrue();
        assertThat(session.activities().contains(ROOT_ID + "/chapter-1")).isTrue();
        assertThat(session.activities().contains(ROOT_ID + "-2")).isFalse();
        assertThat(session.activities().contains("https://elsewhere.example/course")).isFalse();
        assertThat(f.credentials().verify(auth[0], auth[1] + "x", T0)).isEmpty();
        assertThat(f.credentials().verify("tincan-" + UUID.randomUUID(), auth[1], T0)).isEmpty();
        assertThat(f.credentials().verify(auth[0], auth[1], T0.plus(Duration.ofHours(4)).minusSeconds(1)))
                .isPresent();
        assertThat(f.credentials().verify(auth[0], auth[1], T0.plus(Duration.ofHours(4)))).isEmpty();
        // a credential issued before its learner was kept (V2) opens nothing
        Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_tincan_credential set actor_key = null"));
        assertThat(f.credentials().verify(auth[0], auth[1], T0)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void another_institution_gets_404_and_nothing_is_stored(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        PlayerException other = catchThrowableOfType(PlayerException.class, () -> f.launcher().launch(OTHER,
                f.courseId(), SITE));
        assertThat(other.status()).isEqualTo(404);
        int registrations = Sql.inTransaction(ds, c -> {
            try (var rs = c.createStatement().executeQuery("select count(*) from manabi_tincan_registration")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(registrations).isZero();
        assertThat(f.core().events).isEmpty();
    }

    static ObjectNode statement(TincanLauncher.Launch launch, String verb, String object, String result)
            throws Exception {
        JsonNode actor = JSON.readTree(query(launch.url()).get("actor"));
        ObjectNode s = (ObjectNode) JSON.readTree("{\"id\":\"" + UUID.randomUUID() + "\",\"verb\":{\"id\":"
                + "\"http://adlnet.gov/expapi/verbs/" + verb + "\"},\"object\":{\"id\":\"" + object + "\"},"
                + "\"context\":{\"registration\":\"" + launch.registration() + "\"}"
                + (result == null ? "" : ",\"result\":" + result) + "}");
        s.set("actor", actor);
        s.set("authority", launchAuthority(launch));
        return s;
    }

    /** The authority the LRS sets on a statement stored with the launch's {@code auth} (xAPI 2.0 Part Two 2.4.9). */
    static ObjectNode launchAuthority(TincanLauncher.Launch launch) {
        String key = basic(query(launch.url()).get("auth"))[0];
        ObjectNode authority = JSON.createObjectNode().put("objectType", "Agent").put("name", "tincan launch");
        authority.putObject("account").put("homePage", SessionCredentials.AUTHORITY_HOME_PAGE)
                .put("name", key.substring(TincanCredentials.PREFIX.length()));
        return authority;
    }

    static List<ProgressFact> observe(Fixture f, String tenant, List<ObjectNode> statements) {
        Runnable after = Sql.inTransaction(f.core().dataSource, c -> f.progress().stored(c, tenant, statements));
        if (after != null) {
            after.run();
        }
        return f.core().ledger.facts(LEARNER, f.courseId());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_first_launch_starts_the_course(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        f.launcher().launch(LEARNER, f.courseId(), SITE);
        f.launcher().launch(LEARNER, f.courseId(), SITE);
        assertThat(f.core().ledger.facts(LEARNER, f.courseId())).containsExactly(
                new ProgressFact("tincan", "line-1", false, null, null, null));
        assertThat(f.core().events).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statements_about_the_root_activity_complete_pass_fail_and_score_the_course(DataSource ds)
            throws Exception {
        Fixture f = fixture(ds);
        TincanLauncher.Launch launch = f.launcher().launch(LEARNER, f.courseId(), SITE);
        f.core().events.clear();
        // As the host last presented the learner: completion rules and badges get the name and mail.
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_learner (tenant_id, learner_id, display_name,"
                + " mail, ui_language, first_seen, last_seen) values (?,?,?,?,?,?,?)", "a", "alice", "Alice Sato",
                "alice@uni-a.example", "ja", java.sql.Timestamp.from(T0), java.sql.Timestamp.from(T0)));

        assertThat(observe(f, "a", List.of(statement(launch, "attempted", ROOT_ID, null)))).containsExactly(
                new ProgressFact("tincan", "line-1", false, null, null, null));
        assertThat(f.core().events).isEmpty();

        assertThat(observe(f, "a", List.of(statement(launch, "completed", ROOT_ID, null)))).containsExactly(
                new ProgressFact("tincan", "line-1", true, null, null, null));
        assertThat(observe(f, "a", List.of(statement(launch, "failed", ROOT_ID,
                "{\"score\":{\"scaled\":0.29}}")))).containsExactly(
                new ProgressFact("tincan", "line-1", true, false, 29.0, 100.0));
        assertThat(observe(f, "a", List.of(statement(launch, "passed", ROOT_ID,
                "{\"score\":{\"raw\":17,\"min\":0,\"max\":20},\"success\":true}")))).containsExactly(
                new ProgressFact("tincan", "line-1", true, true, 17.0, 20.0));
        assertThat(f.core().events).extracting(e -> e.fact().completed() + " " + e.fact().passed())
                .containsExactly("true null", "true false", "true true");
        assertThat(f.core().events).allSatisfy(e -> {
            assertThat(e.courseId()).isEqualTo(f.courseId());
            assertThat(e.learner().learnerId()).isEqualTo("alice");
            assertThat(e.learner().tenant()).isEqualTo(new Tenant("a", "A"));
            assertThat(e.learner().displayName()).isEqualTo("Alice Sato");
            assertThat(e.learner().mail()).isEqualTo("alice@uni-a.example");
            assertThat(e.learner().preferredLocale()).isEqualTo(Locale.JAPANESE);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_batch_counts_in_order_and_result_completion_and_success_count_for_any_verb(DataSource ds)
            throws Exception {
        Fixture f = fixture(ds);
        TincanLauncher.Launch launch = f.launcher().launch(LEARNER, f.courseId(), SITE);
        f.core().events.clear();
        assertThat(observe(f, "a", List.of(statement(launch, "passed", ROOT_ID, null),
                statement(launch, "experienced", ROOT_ID, "{\"completion\":true,\"success\":false,"
                        + "\"score\":{\"raw\":3}}")))).containsExactly(
                new ProgressFact("tincan", "line-1", true, false, 3.0, null));
        assertThat(f.core().events).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void other_activities_actors_registrations_and_institutions_do_not_count(DataSource ds) throws Exception {
        Fixture f = fixture(ds);
        TincanLauncher.Launch launch = f.launcher().launch(LEARNER, f.courseId(), SITE);
        TincanLauncher.Launch dans = f.launcher().launch(OTHER_IN_A, f.courseId(), SITE);
        ObjectNode otherActivity = statement(launch, "completed", ROOT_ID + "/chapter-1", null);
        ObjectNode otherActor = statement(launch, "completed", ROOT_ID, null);
        otherActor.set("actor", JSON.readTree(query(dans.url()).get("actor")));
        ObjectNode noRegistration = statement(launch, "completed", ROOT_ID, null);
        noRegistration.remove("context");
        ObjectNode unknownRegistration = statement(launch, "completed", ROOT_ID, null);
        ((ObjectNode) unknownRegistration.get("context")).put("registration", UUID.randomUUID().toString());
        ObjectNode agentObject = statement(launch, "completed", ROOT_ID, null);
        ((ObjectNode) agentObject.get("object")).put("objectType", "Agent");
        List<ProgressFact> none = List.of(new ProgressFact("tincan", "line-1", false, null, null, null));
        assertThat(observe(f, "a", List.of(otherActivity, otherActor, noRegistration, unknownRegistration,
                agentObject))).isEqualTo(none);
        assertThat(observe(f, "b", List.of(statement(launch, "completed", ROOT_ID, null)))).isEqualTo(none);
        assertThat(observe(f, "a", List.of(statement(launch, "completed", ROOT_ID, null)))).containsExactly(
                new ProgressFact("tincan", "line-1", true, null, null, null));
    }

    /**
     * Second review: only the registration's own launch credential moves its standing, as cmi5
     * counts only judgments whose authority is the AU's session; and the actor is compared by its whole identity
     * (account home page and name, {@code AgentIdentity}), not the account name alone.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void only_the_registrations_launch_credential_moves_its_standing(DataSource ds)
            throws Exception {
        Fixture f = fixture(ds);
        TincanLauncher.Launch launch = f.launcher().launch(LEARNER, f.courseId(), SITE);
        TincanLauncher.Launch dans = f.launcher().launch(OTHER_IN_A, f.courseId(), SITE);
        List<ProgressFact> none = List.of(new ProgressFact("tincan", "line-1", false, null, null, null));

        ObjectNode byLrsCredential = statement(launch, "passed", ROOT_ID, null);
        ((ObjectNode) byLrsCredential.path("authority").path("account")).put("name", "lrs-a");
        ObjectNode byAnotherLaunch = statement(launch, "passed", ROOT_ID, null);
        byAnotherLaunch.set("authority", launchAuthority(dans));
        ObjectNode byNoOne = statement(launch, "passed", ROOT_ID, null);
        byNoOne.remove("authority");
        ObjectNode otherHomePage = statement(launch, "passed", ROOT_ID, null);
        ((ObjectNode) otherHomePage.path("actor").path("account")).put("homePage", "https://elsewhere.example/");
        assertThat(observe(f, "a", List.of(byLrsCredential, byAnotherLaunch, byNoOne, otherHomePage)))
                .isEqualTo(none);

        assertThat(observe(f, "a", List.of(statement(launch, "passed", ROOT_ID, null)))).containsExactly(
                new ProgressFact("tincan", "line-1", true, true, null, null));
    }
}
