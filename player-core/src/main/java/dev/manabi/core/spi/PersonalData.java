package dev.manabi.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What an SDK module holds about learners, for the operating rules on personal data (README "Personal data"):
 * the learner's download of their own data, erasure on request, the anonymization of records kept after an account
 * was deleted, and the end of the records' retention period.
 *
 * <p><b>Discovery:</b> implementations are CDI beans (normally {@code @ApplicationScoped}) in the module's bean
 * archive; player-core's {@code PersonalDataRules} finds every one through {@code Instance<PersonalData>}. A module
 * with learner rows that does not implement this keeps them past erasure: each module holding personal data has one.
 *
 * <p>Every method works on {@code c}, the connection of one transaction spanning all modules (an erasure either
 * happens in every module or in none), and must neither commit nor close it. Modules delete their own child rows
 * explicitly rather than relying on foreign keys, which some modules drop for write speed.
 */
public interface PersonalData {

    /** The module's name: the member of the learner's export that holds {@link #export}'s answer. */
    String module();

    /** Everything the module holds about {@code subject} (their own records only), as JSON; never secrets. */
    JsonNode export(Connection c, DataSubject subject) throws SQLException;

    /** Deletes everything the module holds about {@code subject}; answers the number of rows deleted. */
    int erase(Connection c, DataSubject subject) throws SQLException;

    /**
     * Keeps {@code subject}'s learning records but replaces their learner id by {@code pseudonym} (stable per
     * installation and learner, see {@code Pseudonyms}) and drops direct identifiers such as names and mail
     * addresses; answers the number of rows changed.
     */
    int anonymize(Connection c, DataSubject subject, String pseudonym) throws SQLException;

    /**
     * Replaces {@code subject}'s id where the module records them as the one who did something to others' data or to
     * shared things (an admin who revoked a badge, issued a credential, created a course: {@code revoked_by},
     * {@code created_by}) by {@code pseudonym}, on erasure and on anonymization alike: the record of the action stays,
     * the person is no longer named (README "Personal data"). Such columns hold a bare id, so only rows of the
     * subject's own institution are matched. Answers the number of rows changed; modules without such columns keep
     * the default.
     */
    default int forgetActor(Connection c, DataSubject subject, String pseudonym) throws SQLException {
        return 0;
    }

    /**
     * Deletes learning records whose last change is before {@code cutoff} (the end of the retention period), of
     * every learner; answers the number of rows deleted.
     */
    int expire(Connection c, Instant cutoff) throws SQLException;
}
