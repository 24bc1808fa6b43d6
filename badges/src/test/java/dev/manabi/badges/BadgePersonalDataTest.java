package dev.manabi.badges;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The badges' personal data on H2 and PostgreSQL: achievements and issued assertions. */
class BadgePersonalDataTest {

    private static final AtomicInteger STATUS_INDEX = new AtomicInteger();

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void keepsThePersonalDataContract(DataSource ds) {
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_badge_class (id, course_id, badge_key,"
                + " owner_tenant_id, issuer_id, declaration, declared, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                "class-1", "course-1", "gold", "uni-a", "uni-a", "{}", true,
                Timestamp.from(PersonalDataConformance.T0)));
        JsonNode export = PersonalDataConformance.check(ds, new BadgePersonalData(), (c, learner, at) -> {
            Timestamp t = Timestamp.from(at);
            Sql.update(c, "insert into manabi_badge_achievement (tenant_id, learner_id, course_id, achievement,"
                    + " achieved_at) values (?, ?, ?, ?, ?)", "uni-a", learner.learnerId(), "course-1",
                    "course-passed", t);
            String assertion = UUID.randomUUID().toString();
            Sql.update(c, "insert into manabi_badge_assertion (id, badge_class_id, tenant_id, learner_id,"
                    + " recipient_salt, recipient_hash, mail_placeholder, issued_on, revoked_by) values (?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?)", assertion, "class-1", "uni-a", learner.learnerId(),
                    "salt", "sha256$0000", false, t, "admin-x");
            // its OB 3.0 status-list bit, which refers to the assertion
            Sql.update(c, "insert into manabi_badge_status (issuer_id, status_index, assertion_id) values (?, ?, ?)",
                    "uni-a", STATUS_INDEX.incrementAndGet(), assertion);
        }, List.of(BadgePersonalData.ACHIEVEMENTS, BadgePersonalData.ASSERTIONS));
        assertThat(export.get("achievements").get(0).get("achievement").asText()).isEqualTo("course-passed");
        assertThat(export.get("assertions")).hasSize(1);
        assertThat(export.toString()).doesNotContain("admin-x");
    }

    /** W3C Bitstring Status List: an expired credential's bit stays set and its index is never handed out again. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anExpiredAssertionLeavesItsStatusBitSetAndItsIndexUnused(DataSource ds) {
        String issuer = "uni-t";
        String classId = "class-t";
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_badge_class (id, course_id, badge_key,"
                + " owner_tenant_id, issuer_id, declaration, declared, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                classId, "course-t", "silver", "uni-a", "uni-t", "{}", true, Timestamp.from(PersonalDataConformance.T0)));
        String old = assertion(ds, classId, PersonalDataConformance.T0);
        assertThat(BadgeStore.statusIndex(ds, old, issuer)).isZero();
        assertThat(BadgeStore.revokedStatusIndexes(ds, issuer)).isEmpty();

        Sql.inTransaction(ds, c -> new BadgePersonalData().expire(c, PersonalDataConformance.T0.plusSeconds(1)));

        assertThat(BadgeStore.revokedStatusIndexes(ds, issuer)).containsExactly(0);
        String fresh = assertion(ds, classId, PersonalDataConformance.T0.plusSeconds(2));
        assertThat(BadgeStore.statusIndex(ds, fresh, issuer)).isEqualTo(1);
        assertThat(BadgeStore.highestStatusIndex(ds, issuer)).isEqualTo(1);
        assertThat(BadgeStore.revokedStatusIndexes(ds, issuer)).containsExactly(0);
    }

    private static String assertion(DataSource ds, String classId, java.time.Instant issuedOn) {
        String id = UUID.randomUUID().toString();
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_badge_assertion (id, badge_class_id, tenant_id,"
                + " learner_id, recipient_salt, recipient_hash, mail_placeholder, issued_on) values (?, ?, ?, ?, ?, ?,"
                + " ?, ?)", id, classId, "uni-a", "learner-" + id, "salt", "sha256$0000", false,
                Timestamp.from(issuedOn)));
        return id;
    }
}
