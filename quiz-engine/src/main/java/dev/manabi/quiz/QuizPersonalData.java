package dev.manabi.quiz;

import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.LearnerTables;
import dev.manabi.core.spi.PersonalRows;
import java.sql.Connection;
import java.sql.SQLException;
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

    /**
     * Quizzes and quiz versions the subject imported keep the pseudonym as author
     * (README "Personal data"); the owner is the quiz's institution.
     */
    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameActor(c, s, pseudonym, "manabi_quiz", "owner_tenant_id", "created_by")
                + PersonalRows.renameActor(c, s, pseudonym, "manabi_quiz_version", "(select q.owner_tenant_id from"
                + " manabi_quiz q where q.id = manabi_quiz_version.quiz_id)", "imported_by");
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(ATTEMPTS, "attempts", "coalesce(submitted_at, started_at)", Set.of("seed")));
    }
}
