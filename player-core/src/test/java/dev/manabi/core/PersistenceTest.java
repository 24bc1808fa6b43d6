package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Schema and learner directory on the embedded database and on PostgreSQL. */
class PersistenceTest {

    private static LearnerContext learner(String id, String tenant) {
        return new LearnerContext(id, id.toUpperCase(Locale.ROOT), id + "@example.org",
                new Tenant(tenant, "University " + tenant), Set.of(Role.LEARNER), null);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void migrationsAreIdempotent(DataSource ds) throws SQLException {
        assertThat(SchemaMigrator.forClassPath(ds).migrate()).isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void tenantsSeeOnlyTheirOwnMembers(DataSource ds) {
        LearnerDirectory.Store.remember(ds, learner("alice", "a"), Instant.now());
        LearnerDirectory.Store.remember(ds, learner("carol", "a"), Instant.now());
        LearnerDirectory.Store.remember(ds, learner("bob", "b"), Instant.now());

        assertThat(LearnerDirectory.Store.members(ds, "a")).extracting(LearnerDirectory.Member::learnerId)
                .containsExactly("alice", "carol");
        assertThat(LearnerDirectory.Store.members(ds, "b")).extracting(LearnerDirectory.Member::learnerId)
                .containsExactly("bob");
    }

    /** The admin page's institution picker: every tenant met, by name (not by id), the same on both databases. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void institutionsAreListedByName(DataSource ds) {
        LearnerDirectory.Store.remember(ds, new LearnerContext("u", "U", null, new Tenant("t-zz", "Aoba College"),
                Set.of(), null), Instant.now());
        LearnerDirectory.Store.remember(ds, new LearnerContext("u", "U", null, new Tenant("t-aa", "Zenith University"),
                Set.of(), null), Instant.now());
        LearnerDirectory.Store.remember(ds, new LearnerContext("u", "U", null, new Tenant("t-mm", "aoba Institute"),
                Set.of(), null), Instant.now());
        assertThat(LearnerDirectory.Store.institutions(ds)).extracting(LearnerDirectory.Institution::id)
                .containsSubsequence("t-zz", "t-mm", "t-aa");
        assertThat(LearnerDirectory.Store.institutions(ds)).contains(
                new LearnerDirectory.Institution("t-aa", "Zenith University"));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void sameLearnerIdInTwoTenantsAreTwoPeople(DataSource ds) {
        LearnerDirectory.Store.setUiLanguage(ds, learner("sato", "a"), "ko", Instant.now());
        LearnerDirectory.Store.remember(ds, learner("sato", "b"), Instant.now());
        assertThat(LearnerDirectory.Store.uiLanguage(ds, learner("sato", "a"))).contains("ko");
        assertThat(LearnerDirectory.Store.uiLanguage(ds, learner("sato", "b"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theAudioPreferenceIsSetAndForgottenPerLearner(DataSource ds) {
        assertThat(LearnerDirectory.Store.audioPreference(ds, "a", "sato")).isEmpty();
        Instant set = Instant.parse("2031-04-01T09:00:00Z"); // a clock of the test's own, not the machine's
        LearnerDirectory.Store.setAudioPreference(ds, learner("sato", "a"), "off", set);
        LearnerDirectory.Store.remember(ds, learner("sato", "b"), Instant.now());
        assertThat(LearnerDirectory.Store.members(ds, "a").get(0).lastSeen()).as("the given time").isEqualTo(set);
        assertThat(LearnerDirectory.Store.audioPreference(ds, "a", "sato")).contains("off");
        assertThat(LearnerDirectory.Store.audioPreference(ds, "b", "sato")).isEmpty();
        LearnerDirectory.Store.setAudioPreference(ds, learner("sato", "a"), null, set);
        assertThat(LearnerDirectory.Store.audioPreference(ds, "a", "sato")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void rememberingAgainUpdatesWithoutDuplicating(DataSource ds) {
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        LearnerDirectory.Store.remember(ds, learner("alice", "a"), first);
        LearnerDirectory.Store.remember(ds, new LearnerContext("alice", "Alice Liddell", null,
                new Tenant("a", "Univ A renamed"), Set.of(), null), first.plusSeconds(60));
        var members = LearnerDirectory.Store.members(ds, "a");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).displayName()).isEqualTo("Alice Liddell");
        assertThat(members.get(0).firstSeen()).isEqualTo(first);
        assertThat(members.get(0).lastSeen()).isEqualTo(first.plusSeconds(60));
    }
}
