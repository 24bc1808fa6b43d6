package dev.manabi.cmi5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.LearnerContext;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CurrentLearner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 (review 2, A5): a platform admin's waiver (with its reason) and abandonment of a learner's cmi5 session
 * change that learner's records and are audited, in the learner's institution's log, naming the registration or
 * session rather than the learner. Fails on the old code, which audited neither.
 */
class Cmi5AdministrationAuditTest {

    @TempDir
    Path content;

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void waiversAndAbandonmentsAreAudited(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched au1 = lms.launch(1, null);
        Cmi5Resource r = new Cmi5Resource();
        r.administration = lms.administration;
        r.audit = lms.core.audit;
        r.current = new CurrentLearner() {
            @Override
            public Optional<LearnerContext> optional() {
                return Optional.of(Cmi5Lms.PLATFORM);
            }
        };

        r.abandon(au1.sessionId());
        r.waive(au1.registration(), 0, new Cmi5Resource.WaiveBody(" Tested Out "));

        List<AuditLog.Entry> log = lms.core.audit.entries(Cmi5Lms.LEARNER.tenant().id(), null, null, 0, 10).entries();
        assertThat(log).extracting(AuditLog.Entry::action).containsExactly(AuditLog.Action.CMI5_AU_WAIVED,
                AuditLog.Action.CMI5_SESSION_ABANDONED);
        assertThat(log).allMatch(e -> e.actorId().equals(Cmi5Lms.PLATFORM.learnerId()));
        assertThat(log.get(0).target()).isEqualTo(au1.registration());
        assertThat(log.get(0).detail().get("reason").asText()).isEqualTo("Tested Out");
        assertThat(log.get(1).target()).isEqualTo(au1.sessionId());
        assertThat(log.toString()).doesNotContain("alice");
    }
}
