package dev.manabi.scorm.runtime;

import static dev.manabi.scorm.runtime.RuntimeFixtures.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.PlayerException;
import dev.manabi.core.SchemaMigrator;
import dev.manabi.core.Sql;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Attempts, SCO data and shared data on H2 and on a real PostgreSQL. */
class AttemptPersistenceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    static void seedPackage(DataSource ds) {
        Sql.inTransaction(ds, c -> {
            Timestamp t = Timestamp.from(T0);
            Sql.update(c, "insert into manabi_tenant (id, name, created_at) values (?, ?, ?)", "uni-a", "Uni A", t);
            Sql.update(c, "insert into manabi_course (id, owner_tenant_id, title_json, default_language, visibility,"
                    + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)", "course-1", "uni-a", "{\"en\":\"Golf\"}",
                    "en", "TENANT", "author", t);
            Sql.update(c, "insert into manabi_scorm_line (id, owner_tenant_id, manifest_identifier, course_id,"
                    + " language, created_at) values (?, ?, ?, ?, ?, ?)", "line-1", "uni-a", "m1", "course-1", null, t);
            Sql.update(c, "insert into manabi_scorm_package (id, line_id, version, edition, title_json, tree_json,"
                    + " problems_json, file_count, content_bytes, imported_by, imported_at) values (?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?)", "pkg-1", "line-1", 1, "SCORM_2004_3RD", "{}", "[]", "[]", 1, 1L, "author", t);
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void storesAttemptsAndScoDataWithOptimisticCommits(DataSource ds) {
        seedPackage(ds);
        AttemptRecord first = ScormRuntime.Store.createAttempt(ds, alice(), "course-1", "line-1", "pkg-1", 1, T0);
        AttemptRecord second = ScormRuntime.Store.createAttempt(ds, alice(), "course-1", "line-1", "pkg-1", 2, T0);
        assertThat(ScormRuntime.Store.latestAttempt(ds, "uni-a", "alice", "course-1", "line-1"))
                .hasValueSatisfying(a -> assertThat(a.id()).isEqualTo(second.id()));
        assertThat(ScormRuntime.Store.latestAttempt(ds, "uni-a", "bob", "course-1", "line-1")).isEmpty();
        assertThat(first.status()).isEqualTo(ScoStatus.NOT_ATTEMPTED);

        String big = "x".repeat(64000);
        ScoRecord opened = new ScoRecord(second.id(), "sco-1", "2004", Map.of("cmi.learner_id", "alice",
                "cmi.suspend_data", big), "s1", true, 0, 1, null, ScoStatus.NOT_ATTEMPTED, null, 0, 0, T0);
        Sql.inTransaction(ds, c -> {
            ScormRuntime.Store.saveSco(c, "uni-a", opened, false);
            return null;
        });
        ScoRecord committed = ScormRuntime.apply(opened, new ScormRuntime.Commit("s1", 1, List.of(
                new ScormRuntime.Assignment("cmi.location", "page-7"),
                new ScormRuntime.Assignment("cmi.score.scaled", "0.8"),
                new ScormRuntime.Assignment("cmi.session_time", "PT2M")), true), T0.plusSeconds(120));
        Sql.inTransaction(ds, c -> {
            ScormRuntime.Store.updateSco(c, committed, 0, "s1");
            return null;
        });
        // A second writer that read the same state (sequence 0) loses: no silent lost update.
        assertThatThrownBy(() -> Sql.inTransaction(ds, c -> {
            ScormRuntime.Store.updateSco(c, committed, 0, "s1");
            return null;
        })).isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.code()).isEqualTo("scorm-commit-conflict"));
        // A session superseded by a newer launch loses too.
        assertThatThrownBy(() -> Sql.inTransaction(ds, c -> {
            ScormRuntime.Store.updateSco(c, committed, 1, "s0");
            return null;
        })).isInstanceOf(PlayerException.class);

        ScoRecord loaded = ScormRuntime.Store.sco(ds, second.id(), "sco-1").orElseThrow();
        assertThat(loaded.cmi()).containsEntry("cmi.location", "page-7").containsEntry("cmi.suspend_data", big)
                .containsEntry("cmi.total_time", "PT0H2M0S");
        assertThat(loaded.lastSequence()).isEqualTo(1);
        assertThat(loaded.sessionOpen()).isFalse();
        assertThat(loaded.totalTimeCs()).isEqualTo(12000);
        assertThat(loaded.learnerTimeCs()).isEqualTo(12000);
        assertThat(loaded.status().scoreScaled()).isEqualTo(0.8);

        Sql.inTransaction(ds, c -> {
            ScormRuntime.Store.updateAttempt(c, second.id(), new ScoStatus("completed", "passed", 0.8), 12000, true,
                    T0.plusSeconds(200));
            return null;
        });
        AttemptRecord finished = ScormRuntime.Store.findAttempt(ds, second.id()).orElseThrow();
        assertThat(finished.finished()).isTrue();
        assertThat(finished.status()).isEqualTo(new ScoStatus("completed", "passed", 0.8));
        assertThat(finished.totalTimeCs()).isEqualTo(12000);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void learnerTimeMigrationStartsFromTheTimeAlreadyRecorded(DataSource ds) throws Exception {
        // A database from before V2: no learner_time_cs, one SCO with 2 minutes of total time.
        seedPackage(ds);
        AttemptRecord attempt = ScormRuntime.Store.createAttempt(ds, alice(), "course-1", "line-1", "pkg-1", 1, T0);
        Sql.inTransaction(ds, c -> {
            Sql.update(c, "alter table manabi_scorm_sco_attempt drop column learner_time_cs");
            Sql.update(c, "delete from manabi_schema_history where module = ? and version = ?", "scorm_runtime", 2);
            Sql.update(c, "insert into manabi_scorm_sco_attempt (attempt_id, item_id, tenant_id, model, cmi_json,"
                    + " session_token, session_open, last_sequence, sessions, exit_value, completion, success,"
                    + " total_time_cs, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", attempt.id(),
                    "sco-1", "uni-a", "2004", "{}", "s1", false, 3L, 1, "suspend", "incomplete", "unknown", 12000L,
                    Timestamp.from(T0));
            return null;
        });
        assertThat(SchemaMigrator.forClassPath(ds).migrate()).isEqualTo(1);
        assertThat(ScormRuntime.Store.sco(ds, attempt.id(), "sco-1").orElseThrow().learnerTimeCs()).isEqualTo(12000);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void sharedDataBucketsArePerLearner(DataSource ds) {
        Sql.inTransaction(ds, c -> {
            ScormRuntime.Store.writeShared(c, alice(), Map.of("urn:notes", "v1"), T0);
            ScormRuntime.Store.writeShared(c, alice(), Map.of("urn:notes", "v2"), T0);
            return null;
        });
        assertThat(ScormRuntime.Store.sharedData(ds, alice())).containsExactly(Map.entry("urn:notes", "v2"));
        var bob = new dev.manabi.api.LearnerContext("bob", "Bob", null, RuntimeFixtures.tenant(), null, null);
        assertThat(ScormRuntime.Store.sharedData(ds, bob)).isEmpty();
    }
}
