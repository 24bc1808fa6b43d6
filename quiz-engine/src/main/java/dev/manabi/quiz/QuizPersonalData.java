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
     * Quizzes and quiz versions the subject imported keep the pseudonym as author (README "Personal data"). A quiz
     * is created by a member of its owning institution; a version may be imported by a platform admin of another
     * one, so it is matched on the importer's institution ({@code imported_by_tenant}; a row without one, written
     * outside the SDK, is taken as the quiz's institution's).
     */
    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameActor(c, s, pseudonym, "manabi_quiz", "owner_tenant_id", "created_by")
                + PersonalRows.renameRecordedActor(c, s, pseudonym, "manabi_quiz_version", "coalesce("
                + "imported_by_tenant, (select q.owner_tenant_id from manabi_quiz q"
                + " where q.id = manabi_quiz_version.quiz_id))", "imported_by");
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(ATTEMPTS, "attempts", "coalesce(submitted_at, started_at)", Set.of("seed")));
    }
}
