package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.AuditLog;
import dev.manabi.core.PersonalDataConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 (review 3): the audit entries of LRS credential and forwarding changes are written in the change's own
 * transaction. A change that fails (no such credential or endpoint, or the entry itself cannot be written) leaves
 * neither the change nor an entry; one that succeeds leaves exactly one entry.
 */
class AdminAuditTest {

    private static final LearnerContext ADMIN = new LearnerContext("admin-a", "admin-a", null,
            new Tenant("uni-a", "University A"), Set.of(Role.INSTITUTION_ADMIN), null);

    private static int entries(DataSource ds, String action) {
        return PersonalDataConformance.countOf(ds, "select count(*) from manabi_audit_entry where action = ?", action);
    }

    private static <T> AuditStep<T> entry(AuditLog audit, String action) {
        return (c, done) -> audit.record(c, ADMIN, action, "uni-a", String.valueOf(done), Map.of());
    }

    /** An entry that cannot be written: the change it belongs to must roll back with it. */
    private static <T> AuditStep<T> broken() {
        return (c, done) -> {
            throw new java.sql.SQLException("the audit log is unavailable");
        };
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void credentialChangesAndTheirEntriesCommitTogether(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        AuditLog audit = new AuditLog();
        LrsCredentials.Scope scope = new LrsCredentials.Scope(true, false, true);

        assertThatThrownBy(() -> lrs.credentials.issue("uni-a", "SIS", scope, "uni-a", "admin-a", broken()));
        assertThat(lrs.credentials.list("uni-a")).as("no credential without its entry").isEmpty();

        LrsCredentials.Issued issued = lrs.credentials.issue("uni-a", "SIS", scope, "uni-a", "admin-a",
                entry(audit, AuditLog.Action.LRS_CREDENTIAL_CREATED));
        assertThat(entries(ds, AuditLog.Action.LRS_CREDENTIAL_CREATED)).isEqualTo(1);

        assertThatThrownBy(() -> lrs.credentials.revoke("uni-a", "no-such-id",
                entry(audit, AuditLog.Action.LRS_CREDENTIAL_REVOKED)));
        assertThatThrownBy(() -> lrs.credentials.revoke("uni-a", issued.credential().id(), broken()));
        assertThat(lrs.credentials.list("uni-a").get(0).revokedAt()).as("still valid").isNull();
        assertThat(entries(ds, AuditLog.Action.LRS_CREDENTIAL_REVOKED)).isZero();

        lrs.credentials.revoke("uni-a", issued.credential().id(), entry(audit, AuditLog.Action.LRS_CREDENTIAL_REVOKED));
        assertThat(entries(ds, AuditLog.Action.LRS_CREDENTIAL_REVOKED)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void forwardingChangesAndTheirEntriesCommitTogether(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        AuditLog audit = new AuditLog();
        ForwardingEndpoints.Settings settings = ForwardingOutboxTest.settings("http://127.0.0.1:9/xapi", null, null);

        assertThatThrownBy(() -> lrs.forwarding.create("uni-a", settings, "uni-a", "admin-a", broken()));
        assertThat(lrs.forwarding.list("uni-a")).isEmpty();
        ForwardingEndpoints.Endpoint e = lrs.forwarding.create("uni-a", settings, "uni-a", "admin-a",
                entry(audit, AuditLog.Action.LRS_FORWARDING_CREATED));
        assertThat(entries(ds, AuditLog.Action.LRS_FORWARDING_CREATED)).isEqualTo(1);

        assertThatThrownBy(() -> lrs.forwarding.update("uni-a", "no-such-id", settings,
                entry(audit, AuditLog.Action.LRS_FORWARDING_CHANGED)));
        lrs.forwarding.update("uni-a", e.id(), settings, entry(audit, AuditLog.Action.LRS_FORWARDING_CHANGED));
        assertThat(entries(ds, AuditLog.Action.LRS_FORWARDING_CHANGED)).isEqualTo(1);

        assertThatThrownBy(() -> lrs.forwarding.replay("uni-a", e.id(), List.of(), broken()));
        lrs.forwarding.replay("uni-a", e.id(), List.of(), entry(audit, AuditLog.Action.LRS_FORWARDING_REPLAYED));
        assertThat(entries(ds, AuditLog.Action.LRS_FORWARDING_REPLAYED)).isEqualTo(1);

        assertThatThrownBy(() -> lrs.forwarding.delete("uni-a", "no-such-id",
                entry(audit, AuditLog.Action.LRS_FORWARDING_DELETED)));
        assertThatThrownBy(() -> lrs.forwarding.delete("uni-a", e.id(), broken()));
        assertThat(lrs.forwarding.list("uni-a")).as("still there").hasSize(1);
        lrs.forwarding.delete("uni-a", e.id(), entry(audit, AuditLog.Action.LRS_FORWARDING_DELETED));
        assertThat(entries(ds, AuditLog.Action.LRS_FORWARDING_DELETED)).isEqualTo(1);
        assertThat(lrs.forwarding.list("uni-a")).isEmpty();
    }
}
