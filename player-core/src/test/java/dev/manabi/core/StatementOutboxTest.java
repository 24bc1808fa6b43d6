package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The statement outbox on H2 and PostgreSQL: written with the caller's transaction, taken in order, shaped alike. */
class StatementOutboxTest {

    private static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");
    private static final UUID REGISTRATION = UUID.fromString("3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f");

    private static LearnerContext learner(String id, String tenant, Locale locale) {
        return new LearnerContext(id, "Display " + id, id + "@mail.example", new Tenant(tenant, tenant),
                Set.of(Role.LEARNER), locale);
    }

    private static String append(StatementOutbox outbox, DataSource ds, LearnerContext who, Verb verb) {
        return Sql.inTransaction(ds, c -> {
            StatementOutbox.Emitter e = outbox.emitter(c, who, AT);
            LearnerStatement s = e.statement(verb, REGISTRATION, "course-1");
            s.activity(LearnerStatement.activityId("quiz", "q 1"), "http://adlnet.gov/expapi/activities/assessment",
                    "Quiz one");
            return e.append(s);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statementsAreTakenInTheOrderWrittenAndLeaveWhenDelivered(DataSource ds) {
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        LearnerContext alice = learner("alice", "uni-a.example.ac.jp", Locale.JAPAN);
        String first = append(outbox, ds, alice, Verb.INITIALIZED);
        String second = append(outbox, ds, learner("bob", "uni-b", null), Verb.PASSED);
        String third = append(outbox, ds, alice, Verb.TERMINATED);

        List<StatementOutbox.Queued> pending = outbox.pending(10);
        assertThat(pending).extracting(StatementOutbox.Queued::statementId).containsExactly(first, second, third);
        assertThat(pending).extracting(StatementOutbox.Queued::tenantId)
                .containsExactly("uni-a.example.ac.jp", "uni-b", "uni-a.example.ac.jp");
        assertThat(outbox.pending(2)).hasSize(2);

        outbox.delivered(List.of(pending.get(0).seq(), pending.get(2).seq()));
        assertThat(outbox.pending(10)).extracting(StatementOutbox.Queued::statementId).containsExactly(second);

        outbox.refused(pending.get(1).seq(), "statement.object.id: must be an IRI");
        assertThat(outbox.pending(10)).isEmpty();
        assertThat(Sql.<String>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select refused, reason from manabi_statement_outbox")) {
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1) + " " + rs.getString(2);
                }
            }
        })).isEqualTo("true statement.object.id: must be an IRI");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aRolledBackTransactionLeavesNoStatement(DataSource ds) {
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        LearnerContext alice = learner("alice", "uni-a", null);
        assertThatThrownBy(() -> Sql.inTransaction(ds, c -> {
            Sql.update(c, "insert into manabi_tenant (id, name, created_at) values (?, ?, ?)", "uni-a", "A",
                    java.sql.Timestamp.from(AT));
            StatementOutbox.Emitter e = outbox.emitter(c, alice, AT);
            LearnerStatement s = e.statement(Verb.COMPLETED, REGISTRATION, null);
            s.activity(LearnerStatement.courseActivity("c"), LearnerStatement.COURSE_TYPE, null);
            e.append(s);
            assertThat(e.appended()).isEqualTo(1);
            throw PlayerException.conflict("simulated", "the progress write failed after the statement");
        })).isInstanceOf(PlayerException.class);
        assertThat(outbox.pending(10)).isEmpty();
        assertThat(Sql.<Integer>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select count(*) from manabi_tenant where id = 'uni-a'");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        })).isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void actorIsAnAccountAndTheContextCarriesRegistrationCourseLanguageAndPlatform(DataSource ds) {
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        LearnerContext alice = learner("alice", "uni-a.example.ac.jp", Locale.JAPAN);
        String id = append(outbox, ds, alice, Verb.PASSED);

        ObjectNode s = TestStatements.queued(ds).get(0);
        assertThat(s.path("id").asText()).isEqualTo(id);
        assertThat(s.path("actor").toString()).isEqualTo("{\"objectType\":\"Agent\",\"account\":"
                + "{\"homePage\":\"https://uni-a.example.ac.jp/\",\"name\":\"alice\"}}");
        assertThat(s.toString()).doesNotContain("alice@mail.example").doesNotContain("Display alice");
        assertThat(s.path("timestamp").asText()).isEqualTo("2026-05-01T10:00:00Z");
        assertThat(s.path("verb").path("id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/passed");
        assertThat(s.path("object").path("id").asText()).isEqualTo("urn:manabi:quiz/q%201");
        ObjectNode context = (ObjectNode) s.path("context");
        assertThat(context.path("registration").asText()).isEqualTo(REGISTRATION.toString());
        assertThat(context.path("platform").asText()).isEqualTo("Manabi Player");
        assertThat(context.path("language").asText()).isEqualTo("ja-JP");
        assertThat(context.path("contextActivities").path("grouping").get(0).path("id").asText())
                .isEqualTo("urn:manabi:course/course-1");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theLearnersChosenLanguageWinsOverTheHostsLocale(DataSource ds) {
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        LearnerContext alice = learner("alice", "uni-a", Locale.JAPAN);
        LearnerDirectory.Store.setUiLanguage(ds, alice, "zh-Hant", Instant.now());
        append(outbox, ds, alice, Verb.PASSED);
        append(outbox, ds, learner("bob", "uni-a", null), Verb.PASSED);
        List<ObjectNode> queued = TestStatements.queued(ds);
        assertThat(queued.get(0).path("context").path("language").asText()).isEqualTo("zh-Hant");
        assertThat(queued.get(1).path("context").has("language")).isFalse();
    }

    @Test
    void homePagesAreConfiguredElseDerivedStablyFromTheTenantId() {
        StatementOutbox outbox = new StatementOutbox();
        assertThat(outbox.homePage(new Tenant("Uni-A.example.ac.jp", "A"))).isEqualTo("https://uni-a.example.ac.jp/");
        // Not a DNS name: still an IRL (xAPI 2.0 Part Two 2.4.2.4), under a reserved domain or the portal's base.
        assertThat(outbox.homePage(new Tenant("uni-a", "A"))).isEqualTo("https://manabi.invalid/tenants/uni-a/");
        assertThat(outbox.homePage(new Tenant("大学 A", "A")))
                .isEqualTo("https://manabi.invalid/tenants/%E5%A4%A7%E5%AD%A6%20A/");
        outbox.config = settings(Map.of("manabi.xapi.home-page-base", "https://portal.example.org/manabi",
                "manabi.xapi.home-page.uni-b", "https://www.uni-b.example/"));
        assertThat(outbox.homePage(new Tenant("uni-a", "A")))
                .isEqualTo("https://portal.example.org/manabi/tenants/uni-a/");
        assertThat(outbox.homePage(new Tenant("uni-b", "B"))).isEqualTo("https://www.uni-b.example/");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aMailAddressNeverBecomesTheAccountName(DataSource ds) {
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        LearnerContext eppn = new LearnerContext("taro@uni-a.example.ac.jp", "Taro", "taro@mail.example",
                new Tenant("uni-a", "A"), Set.of(Role.LEARNER), null);
        LearnerContext mailAsId = new LearnerContext("Hanako.Sato", "Hanako", "hanako.sato",
                new Tenant("uni-a", "A"), Set.of(Role.LEARNER), null);
        append(outbox, ds, eppn, Verb.PASSED);
        append(outbox, ds, mailAsId, Verb.PASSED);
        append(outbox, ds, learner("bob", "uni-a", null), Verb.PASSED);
        List<String> names = TestStatements.queued(ds).stream()
                .map(x -> x.at("/actor/account/name").asText()).toList();
        assertThat(names.get(0)).matches("h:[0-9a-f]{64}").doesNotContain("taro");
        assertThat(names.get(1)).matches("h:[0-9a-f]{64}");
        assertThat(names.get(2)).isEqualTo("bob");
        // Stable: the key is generated once for the installation and kept; another server (a new outbox) agrees.
        assertThat(CoreFixtures.outbox(ds).accountName(eppn)).isEqualTo(names.get(0));
        // Keyed: another installation's key (configured, with no generated key of its own) gives another name.
        Sql.inTransaction(ds, c -> Sql.update(c, "delete from manabi_setting where setting_name like ?",
                StatementOutbox.ACTOR_KEY_SETTING + "%"));
        StatementOutbox other = CoreFixtures.outbox(ds);
        other.config = settings(Map.of("manabi.xapi.actor-key", "text:another installation's actor key, 32+ bytes"));
        assertThat(other.accountName(eppn)).matches("h:[0-9a-f]{64}").isNotEqualTo(names.get(0));
    }

    /** A MicroProfile Config holding only {@code values}. */
    private static org.eclipse.microprofile.config.Config settings(Map<String, String> values) {
        return (org.eclipse.microprofile.config.Config) java.lang.reflect.Proxy.newProxyInstance(
                StatementOutboxTest.class.getClassLoader(),
                new Class<?>[] {org.eclipse.microprofile.config.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        return java.util.Optional.ofNullable(values.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void registrationsAreTheAttemptsUuidOrStablyDerived() {
        String uuid = UUID.randomUUID().toString();
        assertThat(LearnerStatement.registration(uuid)).hasToString(uuid);
        assertThat(LearnerStatement.registration("attempt 7")).isEqualTo(LearnerStatement.registration("attempt 7"))
                .isNotEqualTo(LearnerStatement.registration("attempt 8"));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void withoutADrainNothingIsWrittenUnlessSwitchedOn(DataSource ds) {
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        outbox.config = config(null);
        assertThat(append(outbox, ds, learner("alice", "uni-a", null), Verb.PASSED)).isNull();
        outbox.whenQueued(() -> { });
        assertThat(append(outbox, ds, learner("alice", "uni-a", null), Verb.PASSED)).isNotNull();

        StatementOutbox off = CoreFixtures.outbox(ds);
        off.config = config("off");
        off.whenQueued(() -> { });
        assertThat(append(off, ds, learner("alice", "uni-a", null), Verb.PASSED)).isNull();
        StatementOutbox on = CoreFixtures.outbox(ds);
        on.config = config("on");
        assertThat(append(on, ds, learner("alice", "uni-a", null), Verb.PASSED)).isNotNull();
        assertThat(outbox.pending(10)).hasSize(2);
    }

    /** A MicroProfile Config holding only manabi.xapi.statements (null: unset). */
    private static org.eclipse.microprofile.config.Config config(String statements) {
        return settings(statements == null ? Map.of() : Map.of("manabi.xapi.statements", statements));
    }

    @Test
    void queuedWakesTheDrainAndNeverFailsTheCaller() {
        StatementOutbox outbox = new StatementOutbox();
        AtomicInteger woken = new AtomicInteger();
        outbox.whenQueued(woken::incrementAndGet);
        outbox.queued();
        assertThat(woken).hasValue(1);
        outbox.whenQueued(() -> {
            throw new IllegalStateException("drain broken");
        });
        outbox.queued();
    }
}
