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
        AuditResource r = resource(core, admin);

        assertThat(r.entries(null, null, 0, 50, null, null).entries()).as("nothing before the first read").isEmpty();

        AuditLog.Page next = r.entries(null, null, 0, 50, null, null);
        assertThat(next.entries()).hasSize(1);
        AuditLog.Entry read = next.entries().get(0);
        assertThat(read.action()).isEqualTo(AuditLog.Action.AUDIT_LOG_READ);
        assertThat(read.actorId()).isEqualTo("admin-a");
        assertThat(read.targetTenantId()).isEqualTo("uni-a");
        assertThat(read.detail().get("size").asInt()).isEqualTo(50);
    }

    /**
     * Issue 15 (review 3): the admin page's reloads and paging do not add an entry each. One entry per admin, filter
     * and clock hour: a reload and the next page in the same hour add nothing, another filter or the next hour does,
     * and another admin's read is theirs. Fails on the old code (an entry per read).
     */
    @Test
    void readsAreLoggedOncePerAdminFilterAndHour() {
        CoreFixtures core = new CoreFixtures(TestDatabases.h2(), content);
        TestClock clock = new TestClock(java.time.Instant.parse("2026-12-06T09:10:00Z"));
        core.audit.clock = clock;
        AuditResource alice = resource(core, admin("admin-a"));
        AuditResource bob = resource(core, admin("admin-b"));

        alice.entries(null, null, 0, 20, null, null);
        clock.advance(java.time.Duration.ofMinutes(30));
        alice.entries(null, null, 0, 20, null, null);
        alice.entries(null, null, 1, 20, null, null);
        assertThat(reads(core)).as("a reload and the next page within the hour").isEqualTo(1);

        alice.entries(null, null, 0, 20, null, AuditLog.Action.MEMBER_ERASED);
        bob.entries(null, null, 0, 20, null, null);
        assertThat(reads(core)).as("another filter, another admin").isEqualTo(3);

        clock.advance(java.time.Duration.ofMinutes(20));
        alice.entries(null, null, 0, 20, null, null);
        assertThat(reads(core)).as("the next hour (10:00 UTC)").isEqualTo(4);
    }

    private static int reads(CoreFixtures core) {
        return PersonalDataConformance.countOf(core.dataSource, "select count(*) from manabi_audit_entry"
                + " where action = ?", AuditLog.Action.AUDIT_LOG_READ);
    }

    private static LearnerContext admin(String id) {
        return new LearnerContext(id, id, null, new Tenant("uni-a", "University A"), Set.of(Role.INSTITUTION_ADMIN),
                null);
    }

    private static AuditResource resource(CoreFixtures core, LearnerContext admin) {
        AuditResource r = new AuditResource();
        r.audit = core.audit;
        r.current = new CurrentLearner() {
            @Override
            public Optional<LearnerContext> optional() {
                return Optional.of(admin);
            }
        };
        return r;
    }
}
