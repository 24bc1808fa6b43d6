package dev.manabi.quiz;

import dev.manabi.core.spi.LearnerTables;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The quiz engine's personal data (README "Personal data"): a learner's attempts (questions drawn, responses,
 * results; not the shuffling seed), which hold no name or mail. An attempt's last change is its submission, else its
 * start. What completion rules awarded is the completion rules module's.
 */
@ApplicationScoped
public class QuizPersonalData extends LearnerTables {

    static final String ATTEMPTS = "manabi_quiz_attempt";

    @Override
    public String module() {
        return "quiz";
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(ATTEMPTS, "attempts", "coalesce(submitted_at, started_at)", Set.of("seed")));
    }
}
