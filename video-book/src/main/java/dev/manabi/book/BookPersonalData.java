package dev.manabi.book;

import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.LearnerTables;
import dev.manabi.core.spi.PersonalRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The video book's personal data (README "Personal data"): what a learner watched of each topic (not the player
 * session's id and sequence) and their watch credit. Neither holds a name or mail.
 */
@ApplicationScoped
public class BookPersonalData extends LearnerTables {

    static final String WATCH = "manabi_book_watch";
    static final String CREDIT = "manabi_book_watch_credit";

    @Override
    public String module() {
        return "book";
    }

    /** Books the subject imported keep the pseudonym as author (README "Personal data"). */
    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameActor(c, s, pseudonym, "manabi_book", "owner_tenant_id", "created_by");
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(WATCH, "watched", "updated_at", Set.of("session_id", "sequence_no")),
                new Table(CREDIT, "watchCredit", "credit_at", Set.of()));
    }
}
