package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
