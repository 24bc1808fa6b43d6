package dev.manabi.badges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.Sql;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.PersonalDataRules;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

    /**
     * Issue 15 (review 3): a badge belongs to its holder. Ten years and two days after the badges were issued, the
     * retention run (on a clock the test sets) keeps the badge of erin, who still signs in, valid; frank, gone for
     * longer than the inactive-account period, loses his account in that run and his badge is withdrawn (410).
     * Fails on the old code, which expired every assertion older than the record retention.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void recordExpiryKeepsTheBadgesOfLearnersWhoseAccountsAreActive(DataSource ds) throws Exception {
        TestBadges t = new TestBadges(ds);
        t.course("ck", "uni-a", CourseVisibility.SHARED);
        t.rules("ck", RULES);
        LearnerContext erin = TestBadges.person("erin-k", TestBadges.UNI_A, "erin-k@uni-a.example", Role.LEARNER);
        LearnerContext frank = TestBadges.person("frank-k", TestBadges.UNI_A, "frank-k@uni-a.example", Role.LEARNER);
        String erins = t.badges.achieved(erin, "ck", List.of("unit:u1")).get(0);
        String franks = t.badges.achieved(frank, "ck", List.of("unit:u1")).get(0);
        Instant now = TestBadges.T0.atOffset(ZoneOffset.UTC).plusYears(10).plusDays(2).toInstant();
        Sql.inTransaction(ds, c -> {
            Sql.update(c, "insert into manabi_tenant (id, name, created_at) values (?, ?, ?)", "uni-a",
                    "University A", Timestamp.from(TestBadges.T0));
            for (LearnerContext l : List.of(erin, frank)) {
                Instant lastSeen = l == erin ? now.minus(Duration.ofDays(1)) : TestBadges.T0;
                Sql.update(c, "insert into manabi_learner (tenant_id, learner_id, display_name, mail, first_seen,"
                        + " last_seen) values (?, ?, ?, ?, ?, ?)", "uni-a", l.learnerId(), l.displayName(), l.mail(),
                        Timestamp.from(TestBadges.T0), Timestamp.from(lastSeen));
            }
            return null;
        });
        BadgePersonalData module = new BadgePersonalData();
        module.clock = Clock.fixed(now, ZoneOffset.UTC);
        PersonalDataRules rules = new CoreFixtures(ds, Files.createTempDirectory("badges-retention"))
                .personalData(Clock.fixed(now, ZoneOffset.UTC), PersonalDataRules.Retention.DEFAULT, List.of(module));

        PersonalDataRules.RetentionRun run = rules.run(null);

        assertThat(run.accountsDeleted()).as("frank's account").isEqualTo(1);
        assertThat(t.badges.assertion(erins, TestBadges.URLS).gone()).as("erin's badge").isFalse();
        assertThat(t.badges.mine(erin, TestBadges.URLS)).hasSize(1);
        assertThat(t.badges.assertion(franks, TestBadges.URLS).gone()).as("frank's badge").isTrue();
        assertThat(BadgeStore.assertion(ds, franks)).isEmpty();
    }

    static final String RULES = """
            {'units': [{'id': 'u1', 'when': [{'type': 'quiz', 'quiz': 'q1', 'minPercent': 80}]}],
             'badges': [{'id': 'one', 'name': {'en': 'One question'},
                         'description': 'Scored 80 % in the one-question quiz', 'criteria': 'unit:u1'}]}
            """;

    /**
     * README "Personal data": an anonymized learner's badges keep their row under the pseudonym without the
     * recipient hash and salt, an erased learner's are deleted, and both are withdrawn: the hosted assertion answers
     * 410 with {@code revoked}, the credential and the baked images 410 {@code badge-withdrawn}, the OB 3.0 status bit
     * is set in a list that still verifies, and neither learner's "my badges" lists them.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anonymizedAndErasedLearnersBadgesAreWithdrawn(DataSource ds) throws Exception {
        TestBadges t = new TestBadges(ds);
        t.course("cw", "uni-a", CourseVisibility.SHARED);
        t.rules("cw", RULES);
        LearnerContext alice = TestBadges.person("alice-w", TestBadges.UNI_A, "alice-w@uni-a.example", Role.LEARNER);
        LearnerContext dave = TestBadges.person("dave-w", TestBadges.UNI_A, "dave-w@uni-a.example", Role.LEARNER);
        LearnerContext erin = TestBadges.person("erin-w", TestBadges.UNI_A, "erin-w@uni-a.example", Role.LEARNER);
        String anonymized = t.badges.achieved(alice, "cw", List.of("unit:u1")).get(0);
        String erased = t.badges.achieved(dave, "cw", List.of("unit:u1")).get(0);
        String kept = t.badges.achieved(erin, "cw", List.of("unit:u1")).get(0);
        int anonymizedIndex = statusIndex(t.badges.credential(anonymized, TestBadges.URLS));
        int erasedIndex = statusIndex(t.badges.credential(erased, TestBadges.URLS));
        int keptIndex = statusIndex(t.badges.credential(kept, TestBadges.URLS));
        String salt = t.badges.assertion(anonymized, TestBadges.URLS).json().path("recipient").path("salt").asText();

        BadgePersonalData module = new BadgePersonalData();
        Sql.inTransaction(ds, c -> module.anonymize(c, new DataSubject(TestBadges.UNI_A, "alice-w",
                "alice-w@uni-a.example"), PersonalDataConformance.PSEUDONYM));
        Sql.inTransaction(ds, c -> module.erase(c, new DataSubject(TestBadges.UNI_A, "dave-w",
                "dave-w@uni-a.example")));

        BadgeStore.StoredAssertion row = BadgeStore.assertion(ds, anonymized).orElseThrow();
        assertThat(row.learnerId()).isEqualTo(PersonalDataConformance.PSEUDONYM);
        assertThat(row.salt()).isNull();
        assertThat(row.hash()).isNull();
        assertThat(row.withdrawn()).isTrue();
        assertThat(BadgeStore.assertion(ds, erased)).isEmpty();
        assertThat(Sql.<JsonNode>inTransaction(ds, c -> module.export(c, new DataSubject(TestBadges.UNI_A,
                PersonalDataConformance.PSEUDONYM, null))).toString()).doesNotContain(salt);
        for (String id : List.of(anonymized, erased)) {
            Badges.Hosted hosted = t.badges.assertion(id, TestBadges.URLS);
            assertThat(hosted.gone()).as("410 for " + id).isTrue();
            assertThat(hosted.json().path("revoked").asBoolean()).isTrue();
            assertThat(hosted.json().path("revocationReason").asText()).isEqualTo(OpenBadges.WITHDRAWN_REASON);
            assertThat(hosted.json().has("recipient")).isFalse();
            for (ThrowingCallable download : List.<ThrowingCallable>of(() -> t.badges.credential(id, TestBadges.URLS),
                    () -> t.badges.baked(id, BadgeArt.PNG, TestBadges.URLS),
                    () -> t.badges.bakedCredential(id, BadgeArt.SVG, TestBadges.URLS))) {
                PlayerException gone = catchThrowableOfType(PlayerException.class, download);
                assertThat(gone.status()).isEqualTo(410);
                assertThat(gone.code()).isEqualTo("badge-withdrawn");
            }
        }
        assertThat(t.badges.mine(alice, TestBadges.URLS)).isEmpty();
        assertThat(t.badges.mine(dave, TestBadges.URLS)).isEmpty();
        assertThat(t.badges.mine(erin, TestBadges.URLS)).hasSize(1);
        assertThat(t.badges.assertion(kept, TestBadges.URLS).gone()).isFalse();

        JsonNode list = t.badges.statusList("uni-a", TestBadges.URLS);
        String key = t.badges.didDocument("uni-a", TestBadges.URLS).path("verificationMethod").get(0)
                .path("publicKeyMultibase").asText();
        assertThat(new SecondVerifier(JsonLdContexts.INSTANCE).verify(list, key)).isTrue();
        String encoded = list.path("credentialSubject").path("encodedList").asText();
        assertThat(SecondVerifier.statusBit(encoded, anonymizedIndex)).as("anonymized: withdrawn").isTrue();
        assertThat(SecondVerifier.statusBit(encoded, erasedIndex)).as("erased: tombstone").isTrue();
        assertThat(SecondVerifier.statusBit(encoded, keptIndex)).as("another learner's: valid").isFalse();
    }

    /** README "Personal data": the badges an erased admin revoked keep the revocation under their pseudonym. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anErasedAdminsRevocationsKeepOnlyTheirPseudonym(DataSource ds) {
        TestBadges t = new TestBadges(ds);
        t.course("cr", "uni-a", CourseVisibility.SHARED);
        t.rules("cr", RULES);
        LearnerContext learner = TestBadges.person("fred-r", TestBadges.UNI_A, "fred@uni-a.example", Role.LEARNER);
        LearnerContext admin = TestBadges.person("admin-r", TestBadges.UNI_A, "admin-r@uni-a.example",
                Role.INSTITUTION_ADMIN);
        String id = t.badges.achieved(learner, "cr", List.of("unit:u1")).get(0);
        t.badges.revoke(admin, id, "Awarded by mistake", TestBadges.URLS);

        Sql.inTransaction(ds, c -> new BadgePersonalData().forgetActor(c, new DataSubject(TestBadges.UNI_A, "admin-r",
                null), PersonalDataConformance.PSEUDONYM));

        assertThat(revokedBy(ds, id)).isEqualTo(PersonalDataConformance.PSEUDONYM);
        assertThat(t.badges.assertion(id, TestBadges.URLS).json().path("revocationReason").asText())
                .isEqualTo("Awarded by mistake");
    }

    /**
     * Review 2 (issue 15, PersonalData.forgetActor): an admin of the <em>issuing</em> institution may revoke the badge
     * of a learner of another institution ({@code Badges.revoke}: {@code mayAdminister(issuerId)}), so the row's
     * {@code tenant_id} is the learner's, not the revoker's. Erasing that admin must still leave only their pseudonym
     * as revoker. Fails on the merged code: {@code renameActor} matches {@code revoked_by} only in rows of the admin's
     * own institution, so "admin-a" stays in uni-b's row after admin-a's erasure.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anIssuingAdminsRevocationOfAnotherInstitutionsLearnerKeepsOnlyTheirPseudonym(DataSource ds) {
        String id = revokedByTheIssuersAdmin(ds);
        assertThat(revokedBy(ds, id)).as("precondition: the issuer's admin revoked it").isEqualTo("admin-a");

        Sql.inTransaction(ds, c -> new BadgePersonalData().forgetActor(c, new DataSubject(TestBadges.UNI_A,
                "admin-a", null), PersonalDataConformance.PSEUDONYM));

        assertThat(revokedBy(ds, id)).as("the erased admin is no longer named").isEqualTo(PersonalDataConformance.PSEUDONYM);
    }

    /**
     * Review 2: the converse. A member of uni-b whose id happens to be "admin-a" is erased; the revocation that
     * uni-a's admin-a (another person) made in a row of uni-b must keep naming its real revoker. Fails on the merged
     * code: ids are unique only within an institution, and {@code renameActor} matches the bare id in the learner's
     * institution's rows.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void erasingAnotherInstitutionsNamesakeLeavesTheRevokerAlone(DataSource ds) {
        String id = revokedByTheIssuersAdmin(ds);

        Sql.inTransaction(ds, c -> new BadgePersonalData().forgetActor(c, new DataSubject(TestBadges.UNI_B,
                "admin-a", null), PersonalDataConformance.PSEUDONYM));

        assertThat(revokedBy(ds, id)).as("uni-a's admin-a still revoked it").isEqualTo("admin-a");
    }

    /**
     * Issue 15 (review 2, A5): the revocation writes its audit entry in its own transaction, naming the revoker (with
     * their institution), the assertion (not the learner) and the learner's institution as target; a second
     * revocation, refused, writes none. Fails on the old code, which audited in the REST resource after the commit.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aRevocationIsAuditedWithItsOwnTransaction(DataSource ds) {
        String id = revokedByTheIssuersAdmin(ds);
        TestBadges again = new TestBadges(ds);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> again.badges.revoke(TestBadges.ADMIN_A, id, "twice",
                TestBadges.URLS)).isInstanceOf(dev.manabi.api.PlayerException.class);

        List<String> entries = Sql.inTransaction(ds, c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement("select actor_tenant_id, actor_id, action, target_tenant_id, target,"
                    + " detail from manabi_audit_entry")) {
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                                + rs.getString(4) + "|" + rs.getString(5) + "|" + rs.getString(6));
                    }
                }
            }
            return out;
        });
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).startsWith("uni-a|admin-a|" + dev.manabi.core.AuditLog.Action.BADGE_REVOKED
                + "|uni-b|" + id + "|").contains("Awarded by mistake").doesNotContain("gina");
    }

    /** A badge of uni-a's shared course issued to a learner of uni-b and revoked by uni-a's admin (the issuer's). */
    private static String revokedByTheIssuersAdmin(DataSource ds) {
        TestBadges t = new TestBadges(ds);
        t.course("cx", "uni-a", CourseVisibility.SHARED);
        t.rules("cx", RULES);
        LearnerContext learner = TestBadges.person("gina-x", TestBadges.UNI_B, "gina@uni-b.example", Role.LEARNER);
        String id = t.badges.achieved(learner, "cx", List.of("unit:u1")).get(0);
        t.badges.revoke(TestBadges.ADMIN_A, id, "Awarded by mistake", TestBadges.URLS);
        return id;
    }

    private static String revokedBy(DataSource ds, String id) {
        return Sql.<String>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select revoked_by from manabi_badge_assertion where id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static int statusIndex(JsonNode credential) {
        return credential.path("credentialStatus").path("statusListIndex").asInt();
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
