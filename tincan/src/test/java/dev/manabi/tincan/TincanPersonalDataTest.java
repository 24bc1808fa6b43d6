package dev.manabi.tincan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tin Can's personal data on H2 and PostgreSQL: registrations with their launch credentials. */
class TincanPersonalDataTest {

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void keepsThePersonalDataContract(DataSource ds) {
        JsonNode export = PersonalDataConformance.check(ds, new TincanPersonalData(), (c, learner, at) -> {
            Timestamp t = Timestamp.from(at);
            String registration = UUID.randomUUID().toString();
            Sql.update(c, "insert into manabi_tincan_registration (registration, tenant_id, learner_id, course_id,"
                    + " line_id, activity_id, account_name, completed, success, score, max_score, created_at,"
                    + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", registration, "uni-a",
                    learner.learnerId(), "course-1", "line-1", "https://example.org/tc", learner.learnerId(), true,
                    true, 9.0, 10.0, t, t);
            Sql.update(c, "insert into manabi_tincan_credential (credential_id, registration, secret_hash, issued_at,"
                    + " expires_at) values (?, ?, ?, ?, ?)", UUID.randomUUID().toString(), registration,
                    "secret-hash-" + learner.learnerId(), t, t);
        }, List.of(TincanPersonalData.REGISTRATIONS));
        assertThat(export.get("registrations").get(0).get("score").asDouble()).isEqualTo(9.0);
        assertThat(export.toString()).doesNotContain("secret-hash");
        assertThat(Sql.<Integer>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select count(*) from manabi_tincan_credential where secret_hash like ?")) {
                ps.setString(1, "secret-hash-alice");
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        })).as("alice's credential expired with her registration").isZero();
    }

    /**
     * Review 2 (issue 15): after anonymization no row may still carry the learner's id. A launch credential keeps
     * the launch actor's identity ({@code actor_key}, "account=<home page> <account name>", V2) and outlives its
     * expiry until the registration expires; fails on the merged code, which renames the registration's learner id
     * and account name but leaves the credentials naming the learner.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAnonymizedLearnersLaunchCredentialsNoLongerNameThem(DataSource ds) {
        Timestamp t = Timestamp.from(PersonalDataConformance.T0);
        String registration = UUID.randomUUID().toString();
        String alice = PersonalDataConformance.ALICE.learnerId();
        Sql.inTransaction(ds, c -> {
            Sql.update(c, "insert into manabi_tincan_registration (registration, tenant_id, learner_id, course_id,"
                    + " line_id, activity_id, account_name, completed, created_at, updated_at) values (?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?)", registration, "uni-a", alice, "course-1", "line-1",
                    "https://example.org/tc", alice, false, t, t);
            return Sql.update(c, "insert into manabi_tincan_credential (credential_id, registration, secret_hash,"
                    + " issued_at, expires_at, actor_key) values (?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(),
                    registration, "secret-hash", t, t, "account=https://uni-a.example/ " + alice);
        });

        Sql.inTransaction(ds, c -> new TincanPersonalData().anonymize(c, PersonalDataConformance.ALICE,
                PersonalDataConformance.PSEUDONYM));

        assertThat(Sql.<Integer>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select count(*) from manabi_tincan_credential where actor_key like ?")) {
                ps.setString(1, "% " + alice);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        })).as("no launch credential names the anonymized learner").isZero();
    }
}
