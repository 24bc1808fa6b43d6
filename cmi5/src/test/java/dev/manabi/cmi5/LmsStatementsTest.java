package dev.manabi.cmi5;

import static dev.manabi.cmi5.Cmi5Lms.allowed;
import static dev.manabi.cmi5.Cmi5Lms.defined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.PlayerException;
import dev.manabi.core.Course;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.TestStatements;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.XapiException;
import dev.manabi.xapi.XapiVersion;
import dev.manabi.core.Sql;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LMS's own cmi5 statements on H2 and PostgreSQL: satisfied by moveOn for blocks and the course (9.3.9, 9.6.1),
 * abandoned on the next launch, after the session timeout and by an admin (9.3.6, 9.5.4.2), waived with a reason
 * (9.3.7, 9.5.5.2), and the automation launch for an xAPI agent.
 */
class LmsStatementsTest {

    private static final String BLOCK_ID = LearnerStatement.activityId("cmi5", Cmi5Lms.LINE, "block",
            Cmi5Lms.BLOCK);
    private static final String EXTRAS_ID = LearnerStatement.activityId("cmi5", Cmi5Lms.LINE, "block",
            Cmi5Lms.EXTRAS);
    private static final String COURSE_ID = LearnerStatement.activityId("cmi5", Cmi5Lms.LINE, "course");

    @TempDir
    Path content;

    private static List<ObjectNode> byVerb(DataSource ds, String verbId) {
        List<ObjectNode> out = TestStatements.queued(ds).stream()
                .filter(s -> s.path("verb").path("id").asText().equals(verbId)).toList();
        // every statement the LMS writes is a valid xAPI 2.0 statement with the cmi5 category (9.6.2.1)
        for (ObjectNode s : out) {
            new StatementValidator(XapiVersion.V2_0_0).validate(s);
            assertThat(s.path("context").path("contextActivities").path("category").findValuesAsText("id"))
                    .contains(Cmi5Vocabulary.CATEGORY_CMI5);
        }
        return out;
    }

    private static String sessionOf(JsonNode s) {
        return s.path("context").path("extensions").path(Cmi5Vocabulary.SESSION_ID).asText();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void blocks_and_the_course_are_satisfied_once_when_their_aus_move_on(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched au0 = lms.launch(0, null);
        // 9.6.1: at registration the NotApplicable AU satisfies its block, with a session id of its own
        List<ObjectNode> satisfied = byVerb(ds, Cmi5Vocabulary.SATISFIED.id());
        assertThat(satisfied).extracting(s -> s.path("object").path("id").asText()).containsExactly(EXTRAS_ID);
        assertThat(sessionOf(satisfied.get(0))).isNotBlank().isNotEqualTo(au0.sessionId());
        assertThat(satisfied.get(0).path("object").path("definition").path("type").asText())
                .isEqualTo(Cmi5Vocabulary.BLOCK_TYPE);

        lms.post(au0, defined(au0, "initialized", null), defined(au0, "completed", null));
        lms.post(au0, defined(au0, "passed", 0.9), defined(au0, "terminated", null));
        assertThat(byVerb(ds, Cmi5Vocabulary.SATISFIED.id())).hasSize(1); // AU 1 (Completed) still open

        Cmi5Lms.Launched au1 = lms.launch(1, null);
        lms.post(au1, defined(au1, "initialized", null), defined(au1, "completed", null));
        satisfied = byVerb(ds, Cmi5Vocabulary.SATISFIED.id());
        assertThat(satisfied).extracting(s -> s.path("object").path("id").asText())
                .containsExactly(EXTRAS_ID, BLOCK_ID, COURSE_ID);
        assertThat(satisfied.subList(1, 3)).allSatisfy(s -> {
            assertThat(sessionOf(s)).isEqualTo(au1.sessionId()); // 9.3.9: the triggering session's id
            assertThat(s.path("context").path("registration").asText()).isEqualTo(au1.registration());
            assertThat(s.path("actor")).isEqualTo(au1.actor());
        });
        assertThat(satisfied.get(2).path("object").path("definition").path("type").asText())
                .isEqualTo(Cmi5Vocabulary.COURSE_TYPE);
        assertThat(satisfied.get(2).path("object").path("id").asText()).isNotEqualTo("https://example.com/c");

        lms.post(au1, defined(au1, "terminated", null));
        Cmi5Lms.Launched again = lms.launch(1, null);
        lms.post(again, defined(again, "initialized", null), defined(again, "terminated", null));
        assertThat(byVerb(ds, Cmi5Vocabulary.SATISFIED.id())).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void an_au_and_a_waiver_at_once_state_the_block_satisfied_once(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched au0 = lms.initialized(0);
        // AU 0 (CompletedAndPassed) completes and passes while an admin waives AU 1 of the same block, at the same
        // moment: whichever commits second must see the first, so the block and the course are satisfied once
        // (9.3.9), neither twice nor never. Both take the registration's row lock.
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> both = List.of(
                    pool.submit(() -> {
                        together.await();
                        lms.post(au0, defined(au0, "completed", null), defined(au0, "passed", 0.9));
                        return null;
                    }),
                    pool.submit(() -> {
                        together.await();
                        lms.administration.waive(Cmi5Lms.PLATFORM, au0.registration(), 1, "Administrative");
                        return null;
                    }));
            for (Future<Object> f : both) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(byVerb(ds, Cmi5Vocabulary.SATISFIED.id())).extracting(s -> s.path("object").path("id").asText())
                .containsExactlyInAnyOrder(EXTRAS_ID, BLOCK_ID, COURSE_ID);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_rules_lock_the_registration_row_before_they_read_its_standing(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched au0 = lms.initialized(0);
        List<String> issued = new ArrayList<>();
        var session = lms.session(au0);
        Sql.inTransaction(ds, c -> {
            assertThat(c.getAutoCommit()).isFalse();
            Connection recording = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String q) {
                            issued.add(q.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " "));
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            lms.rules.beforeStore(recording, session, List.of(defined(au0, "completed", null)), lms.clock.instant());
            return null;
        });
        int lock = indexOf(issued, "from manabi_cmi5_registration where registration = ? for update");
        int standing = indexOf(issued, "from manabi_cmi5_au_status");
        assertThat(lock).as("registration locked in the ledger's transaction: %s", issued).isGreaterThanOrEqualTo(0);
        assertThat(standing).as("the AU's standing read: %s", issued).isGreaterThan(lock);
    }

    private static int indexOf(List<String> issued, String part) {
        for (int i = 0; i < issued.size(); i++) {
            if (issued.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_session_without_terminated_is_abandoned_once(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched first = lms.launch(0, null);
        lms.advance(Duration.ofSeconds(90));
        lms.post(first, defined(first, "initialized", null));
        lms.advance(Duration.ofMinutes(5));

        // the next launch of the registration ends the open session (9.3.6)
        Cmi5Lms.Launched second = lms.launch(1, null);
        List<ObjectNode> abandoned = byVerb(ds, Cmi5Vocabulary.ABANDONED.id());
        assertThat(abandoned).hasSize(1);
        ObjectNode a = abandoned.get(0);
        assertThat(sessionOf(a)).isEqualTo(first.sessionId());
        assertThat(a.path("object").path("id").asText()).isEqualTo(first.launch().activityId());
        // 9.5.4.2: from launched to the AU's last statement
        assertThat(a.path("result").path("duration").asText()).isEqualTo("PT90S");
        assertThat(a.path("context").path("contextActivities").path("grouping").findValuesAsText("id"))
                .contains(Cmi5Lms.AU0);
        assertThat(lms.session(first).mayWrite()).isFalse();
        XapiException late = catchThrowableOfType(XapiException.class, () -> lms.post(first,
                allowed(first, "http://adlnet.gov/expapi/verbs/experienced")));
        assertThat(late.code()).isEqualTo("cmi5-statement-session-abandoned");

        // silent longer than the session timeout: abandoned when its token is presented
        lms.advance(Abandonment.DEFAULT_TIMEOUT.plusSeconds(1));
        assertThat(lms.session(second).mayWrite()).isFalse();
        assertThat(byVerb(ds, Cmi5Vocabulary.ABANDONED.id())).extracting(LmsStatementsTest::sessionOf)
                .containsExactly(first.sessionId(), second.sessionId());
        assertThat(byVerb(ds, Cmi5Vocabulary.ABANDONED.id()).get(1).path("result").path("duration").asText())
                .isEqualTo("PT0S");

        // ... or, without anyone presenting it, by the next launch of anyone
        Cmi5Lms.Launched third = lms.launch(0, null);
        lms.advance(Abandonment.DEFAULT_TIMEOUT.plusSeconds(1));
        assertThat(lms.abandonment.abandonSilent()).isEqualTo(1);
        assertThat(lms.abandonment.abandonSilent()).isZero();

        // by an admin: once, then 409; an unknown session 404
        Cmi5Lms.Launched fourth = lms.launch(0, null);
        assertThat(lms.administration.abandon(Cmi5Lms.PLATFORM, fourth.sessionId()).registration())
                .isEqualTo(fourth.registration());
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.administration.abandon(Cmi5Lms.PLATFORM,
                fourth.sessionId())).code()).isEqualTo("cmi5-session-ended");
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.administration.abandon(Cmi5Lms.PLATFORM,
                third.sessionId())).code()).isEqualTo("cmi5-session-ended");
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.administration.abandon(Cmi5Lms.PLATFORM,
                "00000000-0000-4000-8000-000000000000")).status()).isEqualTo(404);
        assertThat(byVerb(ds, Cmi5Vocabulary.ABANDONED.id())).extracting(LmsStatementsTest::sessionOf)
                .containsExactly(first.sessionId(), second.sessionId(), third.sessionId(), fourth.sessionId());

        // a terminated session is never abandoned
        Cmi5Lms.Launched fifth = lms.launch(0, null);
        lms.post(fifth, defined(fifth, "initialized", null), defined(fifth, "terminated", null));
        lms.launch(0, null);
        assertThat(byVerb(ds, Cmi5Vocabulary.ABANDONED.id())).hasSize(4);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_waived_au_is_stated_with_its_reason_and_satisfies_what_it_completes(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched au1 = lms.launch(1, null);
        lms.post(au1, defined(au1, "initialized", null), defined(au1, "completed", null));

        Cmi5Administration.Waiver waiver = lms.administration.waive(Cmi5Lms.PLATFORM, au1.registration(), 0,
                " Tested Out ");
        assertThat(waiver.satisfied()).isEqualTo(2);
        ObjectNode waived = byVerb(ds, Cmi5Vocabulary.WAIVED.id()).get(0);
        assertThat(sessionOf(waived)).isEqualTo(waiver.sessionId()).isNotEqualTo(au1.sessionId());
        assertThat(waived.path("object").path("id").asText()).isEqualTo(
                LearnerStatement.activityId("cmi5", Cmi5Lms.LINE, "au", Cmi5Lms.AU0));
        assertThat(waived.path("result").path("success").asBoolean()).isTrue();
        assertThat(waived.path("result").path("completion").asBoolean()).isTrue();
        assertThat(waived.path("result").path("extensions").path(Cmi5Vocabulary.REASON).asText())
                .isEqualTo("Tested Out");
        assertThat(waived.path("context").path("contextActivities").path("category").findValuesAsText("id"))
                .contains(Cmi5Vocabulary.CATEGORY_MOVE_ON);
        assertThat(byVerb(ds, Cmi5Vocabulary.SATISFIED.id())).filteredOn(s -> s.path("object").path("id").asText()
                .equals(COURSE_ID)).singleElement().satisfies(s -> assertThat(sessionOf(s))
                .isEqualTo(waiver.sessionId()));

        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.administration.waive(Cmi5Lms.PLATFORM,
                au1.registration(), 0, "Administrative")).code()).isEqualTo("cmi5-au-already-waived");
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.administration.waive(Cmi5Lms.PLATFORM,
                au1.registration(), 7, "Administrative")).code()).isEqualTo("cmi5-au-not-found");
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.administration.waive(Cmi5Lms.PLATFORM,
                au1.registration(), 2, " ")).code()).isEqualTo("cmi5-waive-reason-invalid");
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.administration.waive(Cmi5Lms.PLATFORM,
                "00000000-0000-4000-8000-000000000000", 0, "Administrative")).code())
                .isEqualTo("cmi5-registration-not-found");
        assertThat(byVerb(ds, Cmi5Vocabulary.WAIVED.id())).hasSize(1);
    }

    /**
     * Second review: a waiver's AU index is one of the course structure the registration launched (9.3.7), not of
     * the course's newest import. Here a Japanese variant of the course (another line, imported later) lists the
     * AUs in the other order: index 0 there is AU 1.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_waiver_names_the_au_of_the_line_the_registration_launched(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched au1 = lms.launch(1, null);
        CourseStructure reversed = CourseStructureReader.read(CourseStructureReaderTest.parse(
                CourseStructureReaderTest.course(
                        CourseStructureReaderTest.au(Cmi5Lms.AU1, "moveOn=\"Completed\"", "<url>index.html</url>")
                        + CourseStructureReaderTest.au(Cmi5Lms.AU0, "moveOn=\"Completed\"",
                        "<url>index.html</url>"))), Set.of("index.html"), false).structure();
        Sql.inTransaction(ds, c -> {
            lms.core.catalog.addComponentWithin(c, lms.courseId, new Course.Component("cmi5",
                    "line-ja", "ja"));
            CourseVersions.Store.insert(c, new PackageFormat.StoredVersion("pkg-ja", "line-ja",
                    lms.courseId, "a", 1, Cmi5Lms.T0.plusSeconds(60)), reversed);
            return null;
        });

        lms.administration.waive(Cmi5Lms.PLATFORM, au1.registration(), 0, "Tested Out");

        Sql.inTransaction(ds, c -> {
            assertThat(Satisfaction.status(c, au1.registration(), Cmi5Lms.AU0).waivedAt()).isNotNull();
            assertThat(Satisfaction.status(c, au1.registration(), Cmi5Lms.AU1).waivedAt()).isNull();
            return null;
        });
        assertThat(byVerb(ds, Cmi5Vocabulary.WAIVED.id())).singleElement().satisfies(w -> assertThat(
                w.path("object").path("id").asText()).isEqualTo(LearnerStatement.activityId("cmi5", Cmi5Lms.LINE,
                "au", Cmi5Lms.AU0)));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_automation_api_launches_for_an_agent_and_a_registration_of_its_choice(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        ObjectNode agent = Cmi5Lms.JSON.createObjectNode().put("objectType", "Agent");
        agent.putObject("account").put("homePage", "https://tool.example.org").put("name", "learner-7");
        String registration = "5d4c3b2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f";
        Cmi5Lms.Launched l = lms.fetched(lms.launcher.launchFor(Cmi5Lms.PLATFORM, lms.courseId, agent,
                registration.toUpperCase(), new Cmi5Launcher.Request(0, LaunchMode.Normal, null), Cmi5Lms.SITE));
        assertThat(l.registration()).isEqualTo(registration);
        assertThat(l.actor()).isEqualTo(agent);
        ObjectNode launched = byVerb(ds, Cmi5Vocabulary.LAUNCHED.id()).get(0);
        assertThat(launched.path("actor")).isEqualTo(agent);
        lms.post(l, defined(l, "initialized", null), defined(l, "completed", null));

        // the same registration again; a new one for the same agent; another agent's or course's: 409
        assertThat(lms.launcher.launchFor(Cmi5Lms.PLATFORM, lms.courseId, agent, registration,
                new Cmi5Launcher.Request(1, null, null), Cmi5Lms.SITE).registration()).isEqualTo(registration);
        assertThat(lms.launcher.launchFor(Cmi5Lms.PLATFORM, lms.courseId, agent,
                "6d4c3b2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f", new Cmi5Launcher.Request(1, null, null), Cmi5Lms.SITE)
                .registration()).isEqualTo("6d4c3b2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f");
        ObjectNode other = agent.deepCopy();
        ((ObjectNode) other.get("account")).put("name", "learner-8");
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.launcher.launchFor(Cmi5Lms.PLATFORM,
                lms.courseId, other, registration, new Cmi5Launcher.Request(0, null, null), Cmi5Lms.SITE)).code())
                .isEqualTo("cmi5-registration-conflict");
        Cmi5Lms.Launched alice = lms.launch(0, null);
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.launcher.launchFor(Cmi5Lms.PLATFORM,
                lms.courseId, agent, alice.registration(), new Cmi5Launcher.Request(0, null, null),
                Cmi5Lms.SITE)).code()).isEqualTo("cmi5-registration-conflict");
        ObjectNode mbox = Cmi5Lms.JSON.createObjectNode().put("mbox", "mailto:x@example.org");
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.launcher.launchFor(Cmi5Lms.PLATFORM,
                lms.courseId, mbox, null, new Cmi5Launcher.Request(0, null, null), Cmi5Lms.SITE)).code())
                .isEqualTo("cmi5-actor-invalid");
        assertThat(catchThrowableOfType(PlayerException.class, () -> lms.launcher.launchFor(Cmi5Lms.PLATFORM,
                lms.courseId, agent, "not-a-uuid", new Cmi5Launcher.Request(0, null, null), Cmi5Lms.SITE)).code())
                .isEqualTo("cmi5-registration-invalid");
    }
}
