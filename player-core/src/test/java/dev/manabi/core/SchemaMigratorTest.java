package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaMigratorTest {

    record Set(String module, List<String> scripts, List<String> after) implements MigrationSet {
    }

    @Test
    void splitsStatementsAndSkipsComments() {
        assertThat(SchemaMigrator.statements("-- why\ncreate table a (x int);\n\ncreate table b (\n y int\n);\n"))
                .containsExactly("create table a (x int)", "create table b (\n y int\n)");
    }

    @Test
    void textPlaceholderFollowsTheDialect() {
        assertThat(SchemaMigrator.withTypes("doc ${text} not null", Dialect.H2)).isEqualTo("doc clob not null");
        assertThat(SchemaMigrator.withTypes("doc ${text} not null", Dialect.POSTGRESQL)).isEqualTo("doc text not null");
        assertThat(SchemaMigrator.withTypes("b ${json}, c ${bytes}", Dialect.H2)).isEqualTo("b clob, c blob");
        assertThat(SchemaMigrator.withTypes("b ${json}, c ${bytes}", Dialect.POSTGRESQL)).isEqualTo("b jsonb, c bytea");
    }

    @Test
    void dependenciesComeFirst() {
        var quiz = new Set("quiz", List.of(), List.of("core"));
        var badges = new Set("badges", List.of(), List.of("quiz", "core"));
        var core = new Set("core", List.of(), List.of());
        assertThat(SchemaMigrator.ordered(List.of(quiz, badges, core))).extracting(MigrationSet::module)
                .containsExactly("core", "quiz", "badges");
    }

    @Test
    void cyclesAndMissingModulesAreRefused() {
        assertThatThrownBy(() -> SchemaMigrator.ordered(List.of(new Set("a", List.of(), List.of("b")),
                new Set("b", List.of(), List.of("a"))))).hasMessageContaining("cycle");
        assertThatThrownBy(() -> SchemaMigrator.ordered(List.of(new Set("a", List.of(), List.of("zzz")))))
                .hasMessageContaining("missing module zzz");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAppliedScriptThatWasEditedStopsTheMigration(DataSource ds) throws Exception {
        var fixture = new Set("checksumtest", List.of("V1__one.sql", "V2__two.sql"), List.of());
        assertThat(new SchemaMigrator(ds, List.of(fixture)).migrate()).isEqualTo(2);
        assertThat(new SchemaMigrator(ds, List.of(fixture)).migrate()).isZero();

        history(ds, "update manabi_schema_history set checksum = 'edited' where module = 'checksumtest' and version = 1");
        assertThatThrownBy(() -> new SchemaMigrator(ds, List.of(fixture)).migrate())
                .hasMessageContaining("checksumtest/V1__one.sql was changed after it was applied");

        // A history from before checksums were kept adopts the scripts as they are.
        history(ds, "update manabi_schema_history set checksum = null where module = 'checksumtest'");
        assertThat(new SchemaMigrator(ds, List.of(fixture)).migrate()).isZero();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from manabi_schema_history where module = 'checksumtest'"
                     + " and checksum is not null")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aHistoryFromBeforeChecksumsGainsTheColumnAndKeepsItsVersions(DataSource ds) throws Exception {
        history(ds, "alter table manabi_schema_history drop column checksum");
        history(ds, "create table checksum_one (id integer primary key)");
        history(ds, "insert into manabi_schema_history (module, version, script, applied_at) values"
                + " ('checksumtest', 1, 'V1__one.sql', current_timestamp)");
        var fixture = new Set("checksumtest", List.of("V1__one.sql", "V2__two.sql"), List.of());
        assertThat(new SchemaMigrator(ds, List.of(fixture)).migrate()).as("only V2 is new").isEqualTo(1);
        assertThat(new SchemaMigrator(ds, List.of(fixture)).migrate()).isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void scriptsOutOfVersionOrderAreRefused(DataSource ds) {
        var fixture = new Set("checksumtest", List.of("V2__two.sql", "V1__one.sql"), List.of());
        assertThatThrownBy(() -> new SchemaMigrator(ds, List.of(fixture)).migrate())
                .hasMessageContaining("increasing version order");
    }

    private static void history(DataSource ds, String update) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(update);
        }
    }
}
