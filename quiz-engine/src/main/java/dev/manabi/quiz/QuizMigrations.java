package dev.manabi.quiz;

import dev.manabi.core.MigrationSet;
import java.util.List;

/** The quiz engine's tables ({@code manabi_quiz_*}), after the core's. */
public final class QuizMigrations implements MigrationSet {

    @Override
    public String module() {
        return "quiz";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__quizzes_attempts_rules.sql", "V2__unbounded_question_lists.sql");
    }
}
