package dev.manabi.cmi5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CurrentLearner;
import dev.manabi.core.Sql;
import dev.manabi.core.TestStatements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 (review 2, A5): a platform admin's waiver (with its reason), abandonment of a learner's cmi5 session and
 * automation launch change that learner's records and are audited, in the learner's institution's log, naming the
 * registration or session rather than the learner. The entry is written on the action's own transaction
 * (DEVELOPING "Personal data"): an audit that fails rolls the action back, so no waiver, abandonment or launch is
 * ever stored without its entry (second review: the old code audited after the action had committed).
 */
class Cmi5AdministrationAuditTest {

    @TempDir
    Path content;

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void waiversAndAbandonmentsAreAuditedOnce(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched au1 = lms.launch(1, null);
        Cmi5Resource r = resource(lms);

        r.abandon(au1.sessionId());
        r.waive(au1.registration(), 0, new Cmi5Resource.WaiveBody(" Tested Out "));

        List<AuditLog.Entry> log = lms.core.audit.entries(Cmi5Lms.LEARNER.tenant().id(), null, null, 0, 10).entries();
        assertThat(log).extracting(AuditLog.Entry::action).containsExactly(AuditLog.Action.CMI5_AU_WAIVED,
                AuditLog.Action.CMI5_SESSION_ABANDONED);
        assertThat(log).allMatch(e -> e.actorId().equals(Cmi5Lms.PLATFORM.learnerId()));
        assertThat(log).allMatch(e -> e.targetTenantId().equals(Cmi5Lms.LEARNER.tenant().id()));
        assertThat(log.get(0).target()).isEqualTo(au1.registration());
        assertThat(log.get(0).detail().get("reason").asText()).isEqualTo("Tested Out");
        assertThat(log.get(1).target()).isEqualTo(au1.sessionId());
        assertThat(log.toString()).doesNotContain("alice");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAuditThatFailsRollsTheActionBack(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched au1 = lms.launch(1, null);
        Cmi5Resource r = resource(lms);
        AuditLog working = lms.core.audit;
        AuditLog failing = failing();
        lms.administration.audit = failing;
        lms.launcher.audit = failing;
        int queued = TestStatements.queued(ds).size();

        assertThat(catchThrowable(() -> r.waive(au1.registration(), 0, new Cmi5Resource.WaiveBody("Tested Out"))))
                .isNotNull();
        assertThat(catchThrowable(() -> r.abandon(au1.sessionId()))).isNotNull();
        ObjectNode agent = Cmi5Lms.JSON.createObjectNode().put("objectType", "Agent");
        agent.putObject("account").put("homePage", "https://tool.example.org").put("name", "learner-7");
        String registration = "5d4c3b2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f";
        assertThat(catchThrowable(() -> lms.launcher.launchFor(Cmi5Lms.PLATFORM, lms.courseId, agent, registration,
                new Cmi5Launcher.Request(0, null, null), Cmi5Lms.SITE))).isNotNull();

        // nothing of the three actions is stored: no waiver, the session still open, no registration or session
        Sql.inTransaction(ds, c -> {
            assertThat(Satisfaction.status(c, au1.registration(), Cmi5Lms.AU0).waivedAt()).isNull();
            assertThat(Sessions.byId(c, au1.sessionId()).orElseThrow().ended()).isFalse();
            assertThat(Sessions.registrationById(c, registration)).isEmpty();
            return null;
        });
        assertThat(TestStatements.queued(ds)).hasSize(queued);
        assertThat(working.entries(null, null, null, 0, 10).entries()).isEmpty();

        // with the audit back, each action is done once and audited once
        lms.administration.audit = working;
        lms.launcher.audit = working;
        r.waive(au1.registration(), 0, new Cmi5Resource.WaiveBody("Tested Out"));
        r.abandon(au1.sessionId());
        Cmi5Launcher.Launch launch = lms.launcher.launchFor(Cmi5Lms.PLATFORM, lms.courseId, agent, registration,
                new Cmi5Launcher.Request(0, null, null), Cmi5Lms.SITE);
        List<AuditLog.Entry> log = working.entries(null, null, null, 0, 10).entries();
        assertThat(log).extracting(AuditLog.Entry::action).containsExactly(AuditLog.Action.CMI5_AUTOMATION_LAUNCH,
                AuditLog.Action.CMI5_SESSION_ABANDONED, AuditLog.Action.CMI5_AU_WAIVED);
        assertThat(log.get(0).target()).isEqualTo(registration);
        assertThat(log.get(0).targetTenantId()).isEqualTo("a");
        assertThat(log.get(0).detail().get("session").asText()).isEqualTo(launch.sessionId());
        assertThat(log.toString()).doesNotContain("learner-7");
    }

    private static Cmi5Resource resource(Cmi5Lms lms) {
        Cmi5Resource r = new Cmi5Resource();
        r.administration = lms.administration;
        r.current = new CurrentLearner() {
            @Override
            public Optional<LearnerContext> optional() {
                return Optional.of(Cmi5Lms.PLATFORM);
            }
        };
        return r;
    }

    /** An audit log whose every write fails, as a database refusing the insert would. */
    private static AuditLog failing() {
        return new AuditLog() {
            @Override
            public void record(Connection c, LearnerContext actor, String action, String targetTenantId,
                               String target, Map<String, ?> detail) throws SQLException {
                throw new SQLException("audit log unavailable");
            }

            @Override
            public void record(String actorTenantId, String actorId, String action, String targetTenantId,
                               String target, Map<String, ?> detail) {
                throw new IllegalStateException("audit log unavailable");
            }
        };
    }
}
