package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (review 2, A5): reading the audit log is itself audited (it names who did what to whom). Fails on the old
 * code, where a read left no entry.
 */
class AuditResourceTest {

    @TempDir
    Path content;

    @Test
    void readingTheAuditLogIsAudited() {
        CoreFixtures core = new CoreFixtures(TestDatabases.h2(), content);
        LearnerContext admin = new LearnerContext("admin-a", "Admin", null, new Tenant("uni-a", "University A"),
                Set.of(Role.INSTITUTION_ADMIN), null);
        AuditResource r = new AuditResource();
        r.audit = core.audit;
        r.current = new CurrentLearner() {
            @Override
            public Optional<LearnerContext> optional() {
                return Optional.of(admin);
            }
        };

        assertThat(r.entries(null, null, 0, 50, null, null).entries()).as("nothing before the first read").isEmpty();

        AuditLog.Page next = r.entries(null, null, 0, 50, null, null);
        assertThat(next.entries()).hasSize(1);
        AuditLog.Entry read = next.entries().get(0);
        assertThat(read.action()).isEqualTo(AuditLog.Action.AUDIT_LOG_READ);
        assertThat(read.actorId()).isEqualTo("admin-a");
        assertThat(read.targetTenantId()).isEqualTo("uni-a");
        assertThat(read.detail().get("size").asInt()).isEqualTo(50);
    }
}
