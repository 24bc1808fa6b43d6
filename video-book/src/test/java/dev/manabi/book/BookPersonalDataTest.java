package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The video book's personal data on H2 and PostgreSQL: watched intervals and credit. */
class BookPersonalDataTest {

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void keepsThePersonalDataContract(DataSource ds) {
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_book (id, owner_tenant_id, book_key, definition,"
                + " created_by, created_at) values (?, ?, ?, ?, ?, ?)", "b1", "uni-a", "k1", "{}", "author",
                Timestamp.from(PersonalDataConformance.T0)));
        JsonNode export = PersonalDataConformance.check(ds, new BookPersonalData(), (c, learner, at) -> {
            Timestamp t = Timestamp.from(at);
            Sql.update(c, "insert into manabi_book_watch (tenant_id, learner_id, course_id, book_id, topic_id,"
                    + " watched, watched_seconds, position_seconds, completed, session_id, sequence_no, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "uni-a", learner.learnerId(), "course-1",
                    "b1", "t1", "[[0,30]]", 30.0, 30.0, false, "session-secret", 3L, t);
            Sql.update(c, "insert into manabi_book_watch_credit (tenant_id, learner_id, credit_seconds, credit_at)"
                    + " values (?, ?, ?, ?)", "uni-a", learner.learnerId(), 12.5, t);
        }, List.of(BookPersonalData.WATCH, BookPersonalData.CREDIT));
        assertThat(export.get("watched").get(0).get("watched").asText()).isEqualTo("[[0,30]]");
        assertThat(export.toString()).doesNotContain("session-secret");
        assertThat(export.get("watchCredit").get(0).get("credit_seconds").asDouble()).isEqualTo(12.5);
    }

    /** README "Personal data": books uni-a's alice imported keep her pseudonym; uni-b's alice is someone else. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anErasedAuthorsBooksKeepOnlyTheirPseudonym(DataSource ds) {
        Sql.inTransaction(ds, c -> {
            for (String[] b : new String[][] {{"ba", "uni-a"}, {"bb", "uni-b"}}) {
                Sql.update(c, "insert into manabi_book (id, owner_tenant_id, book_key, definition, created_by,"
                        + " created_at) values (?, ?, ?, ?, ?, ?)", b[0], b[1], b[0], "{}", "alice",
                        Timestamp.from(PersonalDataConformance.T0));
            }
            return null;
        });
        PersonalDataConformance.checkForgetActor(ds, new BookPersonalData(), List.of("manabi_book.created_by"), 1, 1);
    }
}
