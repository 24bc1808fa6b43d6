package dev.manabi.quiz;

import dev.manabi.core.MigrationSet;
import java.util.List;

/**
 * The quiz engine's tables ({@code manabi_quiz_*}), after the core's and the completion rules' (V3 copies the rules
 * and awards the quiz engine used to store into the completion rules' tables).
 */
public final class QuizMigrations implements MigrationSet {

    @Override
    public String module() {
        return "quiz";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__quizzes_attempts_rules.sql", "V2__unbounded_question_lists.sql",
                "V3__completion_rules_to_platform.sql", "V4__drop_moved_rule_tables.sql",
                "V5__quiz_version_importer_tenant.sql");
    }

    @Override
    public List<String> after() {
        return List.of("core", "rules");
    }
}
