package dev.manabi.cmi5;

import static dev.manabi.cmi5.Cmi5Lms.allowed;
import static dev.manabi.cmi5.Cmi5Lms.defined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Sql;
import dev.manabi.lrs.DocumentStore;
import dev.manabi.xapi.XapiException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cmi5 statement rules (cmi5 Quartz section 9) for statements an AU writes with its session token, on H2 and
 * PostgreSQL: each refusal with its code, the order within a session and a registration, masteryScore, launch
 * modes, and that a refused request records nothing.
 */
class StatementRulesTest {

    @TempDir
    Path content;

    private static String refusal(Cmi5Lms lms, Cmi5Lms.Launched l, ObjectNode... statements) {
        XapiException e = catchThrowableOfType(XapiException.class, () -> lms.post(l, statements));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.status()).isEqualTo(403);
        return e.code();
    }

    private static ObjectNode with(ObjectNode s, Consumer<ObjectNode> change) {
        ObjectNode copy = s.deepCopy();
        change.accept(copy);
        return copy;
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_session_starts_with_initialized_and_ends_with_terminated(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched l = lms.launch(1, null);
        assertThat(refusal(lms, l, defined(l, "completed", null))).isEqualTo("cmi5-statement-not-initialized");
        assertThat(refusal(lms, l, allowed(l, "http://adlnet.gov/expapi/verbs/experienced")))
                .isEqualTo("cmi5-statement-not-initialized");
        // all or nothing: the initialized before the refused statement is not recorded either
        assertThat(refusal(lms, l, defined(l, "initialized", null), with(defined(l, "completed", null),
                s -> ((ObjectNode) s.get("result")).remove("duration")))).isEqualTo("cmi5-statement-duration");
        assertThat(refusal(lms, l, defined(l, "completed", null))).isEqualTo("cmi5-statement-not-initialized");

        lms.post(l, defined(l, "initialized", null));
        assertThat(refusal(lms, l, defined(l, "initialized", null))).isEqualTo("cmi5-statement-duplicate");
        lms.post(l, allowed(l, "http://adlnet.gov/expapi/verbs/experienced"));
        lms.post(l, defined(l, "completed", null), defined(l, "terminated", null));
        assertThat(refusal(lms, l, allowed(l, "http://adlnet.gov/expapi/verbs/experienced")))
                .isEqualTo("cmi5-statement-after-terminated");
        // 9.3.8: the session has ended; its token reads on but writes nothing (403 from the LRS)
        assertThat(lms.session(l).mayWrite()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void every_statement_carries_the_launch_context_and_the_cmi5_data_model(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched l = lms.launch(1, null);
        lms.post(l, defined(l, "initialized", null));
        ObjectNode completed = defined(l, "completed", null);
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.get("context")).put("registration",
                "00000000-0000-4000-8000-000000000000")))).isEqualTo("cmi5-statement-registration");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.path("context").path("extensions"))
                .put(Cmi5Vocabulary.SESSION_ID, "another")))).isEqualTo("cmi5-statement-session-id");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.path("actor").path("account"))
                .put("name", "mallory")))).isEqualTo("cmi5-statement-actor");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.path("actor")).put("objectType", "Group"))))
                .isEqualTo("cmi5-statement-actor");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.path("context").path("contextActivities"))
                .remove("category")))).isEqualTo("cmi5-statement-category");
        assertThat(refusal(lms, l, with(allowed(l, "http://adlnet.gov/expapi/verbs/experienced"),
                s -> ((ObjectNode) s.path("context").path("contextActivities")).putArray("category").addObject()
                        .put("id", Cmi5Vocabulary.CATEGORY_CMI5)))).isEqualTo("cmi5-statement-category");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.get("object")).put("id",
                Cmi5Lms.auId(l.launch().activityId()))))).isEqualTo("cmi5-statement-object");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.path("context").path("contextActivities"))
                .remove("grouping")))).isEqualTo("cmi5-statement-context-template");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.get("result")).putObject("score")
                .put("scaled", 1.0)))).isEqualTo("cmi5-statement-result-score");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.get("result")).put("success", true))))
                .isEqualTo("cmi5-statement-result-success");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.get("result")).put("completion", false))))
                .isEqualTo("cmi5-statement-result-completion");
        assertThat(refusal(lms, l, with(defined(l, "terminated", null), s -> ((ObjectNode) s.get("result"))
                .put("completion", true)))).isEqualTo("cmi5-statement-result-completion");
        assertThat(refusal(lms, l, with(completed, s -> ((com.fasterxml.jackson.databind.node.ArrayNode) s
                .path("context").path("contextActivities").path("category")).remove(1)))).isEqualTo("cmi5-statement-moveon-category");
        assertThat(refusal(lms, l, with(allowed(l, "http://adlnet.gov/expapi/verbs/voided"), s ->
                s.putObject("object").put("objectType", "StatementRef").put("id",
                        "00000000-0000-4000-8000-000000000001")))).isEqualTo("cmi5-statement-voiding");
        assertThat(refusal(lms, l, with(completed, s -> ((ObjectNode) s.get("verb")).put("id",
                Cmi5Vocabulary.SATISFIED.id())))).isEqualTo("cmi5-statement-lms-verb");
        lms.post(l, completed);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void passed_and_failed_keep_the_mastery_score_and_their_order(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched first = lms.launch(0, null);
        lms.post(first, defined(first, "initialized", null));
        assertThat(refusal(lms, first, defined(first, "passed", 0.79))).isEqualTo("cmi5-statement-mastery");
        assertThat(refusal(lms, first, defined(first, "failed", 0.8))).isEqualTo("cmi5-statement-mastery");
        lms.post(first, defined(first, "failed", 0.5));
        assertThat(refusal(lms, first, defined(first, "passed", 0.9))).isEqualTo("cmi5-statement-judged-twice");
        lms.post(first, defined(first, "completed", null), defined(first, "terminated", null));

        Cmi5Lms.Launched second = lms.launch(0, null);
        assertThat(second.registration()).isEqualTo(first.registration());
        lms.post(second, defined(second, "initialized", null));
        assertThat(refusal(lms, second, defined(second, "completed", null)))
                .isEqualTo("cmi5-statement-completed-again");
        lms.post(second, defined(second, "passed", 0.8), defined(second, "terminated", null));

        Cmi5Lms.Launched third = lms.launch(0, null);
        lms.post(third, defined(third, "initialized", null));
        assertThat(refusal(lms, third, defined(third, "failed", 0.1)))
                .isEqualTo("cmi5-statement-failed-after-passed");
        assertThat(refusal(lms, third, defined(third, "passed", 1.0))).isEqualTo("cmi5-statement-passed-again");
        lms.post(third, defined(third, "terminated", null));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void browse_and_review_sessions_record_nothing_completion_related(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        for (LaunchMode mode : new LaunchMode[] {LaunchMode.Browse, LaunchMode.Review}) {
            Cmi5Lms.Launched l = lms.launch(0, mode);
            lms.post(l, defined(l, "initialized", null));
            assertThat(refusal(lms, l, defined(l, "completed", null))).isEqualTo("cmi5-statement-launch-mode");
            assertThat(refusal(lms, l, defined(l, "passed", 0.9))).isEqualTo("cmi5-statement-launch-mode");
            assertThat(refusal(lms, l, defined(l, "failed", 0.1))).isEqualTo("cmi5-statement-launch-mode");
            lms.post(l, allowed(l, "http://adlnet.gov/expapi/verbs/experienced"), defined(l, "terminated", null));
        }
        // nothing of those sessions counts: a Normal session may still complete and pass
        Cmi5Lms.Launched normal = lms.launch(0, LaunchMode.Normal);
        lms.post(normal, defined(normal, "initialized", null), defined(normal, "completed", null),
                defined(normal, "passed", 0.9));
    }

    private static String refusal(Runnable call) {
        XapiException e = catchThrowableOfType(XapiException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.status()).isEqualTo(403);
        return e.code();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_mastery_score_is_the_one_of_the_sessions_launch_data(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched l = lms.launch(0, null);
        String agent = dev.manabi.xapi.AgentIdentity.of(l.actor()).orElseThrow().key();
        JsonNode launchData = Cmi5Lms.JSON.readTree(lms.documents.get("a", new DocumentStore.Scope(
                DocumentStore.Kind.STATE, l.launch().activityId(), agent, l.registration()), "LMS.LaunchData")
                .orElseThrow().content());
        assertThat(launchData.path("masteryScore").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(Sql.inTransaction(ds, c -> Sessions.byId(c, l.sessionId())).orElseThrow().masteryScore())
                .isEqualByComparingTo("0.8");
        // Section 10: the LMS may write another masteryScore than the course structure's (0.8) for a session; the
        // rules hold the AU to the session's, never re-read from the structure.
        Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_cmi5_session set mastery_score = ?"
                + " where session_id = ?", new java.math.BigDecimal("0.6"), l.sessionId()));
        lms.post(l, defined(l, "initialized", null));
        assertThat(refusal(lms, l, defined(l, "failed", 0.7))).isEqualTo("cmi5-statement-mastery");
        lms.post(l, defined(l, "passed", 0.7));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void through_the_lrs_voiding_is_refused_and_a_statement_sent_again_is_answered_not_counted(DataSource ds)
            throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched l = lms.launch(1, null);
        ObjectNode initialized = defined(l, "initialized", null);
        ObjectNode completed = defined(l, "completed", null);
        lms.store(l, initialized);
        lms.store(l, completed);
        // 6.3: "The LMS MUST NOT provide permissions/credentials which allow the AU to issue voiding Statements"
        ObjectNode voiding = with(allowed(l, "http://adlnet.gov/expapi/verbs/voided"), s -> s.putObject("object")
                .put("objectType", "StatementRef").put("id", completed.path("id").asText()));
        assertThat(refusal(() -> lms.store(l, voiding))).isEqualTo("cmi5-statement-voiding");
        assertThat(lms.ledger.find(Cmi5Lms.lrsReader(), completed.path("id").asText(), false)).isPresent();

        // the AU sends completed again (its answer was lost): the same id and content is the LRS's no-op (xAPI 2.0
        // Part Three 2.1.2), not a second completed; a new completed statement is one and is refused
        assertThat(lms.store(l, completed.deepCopy())).containsExactly(completed.path("id").asText());
        assertThat(lms.store(l, initialized.deepCopy(), completed.deepCopy())).hasSize(2);
        assertThat(refusal(() -> lms.store(l, defined(l, "completed", null))))
                .isEqualTo("cmi5-statement-completed-again");
        ObjectNode terminated = defined(l, "terminated", null);
        lms.store(l, terminated);
        // after terminated the token writes nothing new, but a retried terminated still gets the normal answer
        assertThat(lms.store(l, terminated.deepCopy())).containsExactly(terminated.path("id").asText());
        assertThat(refusal(() -> lms.store(l, allowed(l, "http://adlnet.gov/expapi/verbs/experienced"))))
                .isEqualTo("forbidden");
    }
}
