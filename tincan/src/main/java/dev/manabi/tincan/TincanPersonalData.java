package dev.manabi.tincan;

import dev.manabi.core.Sql;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.LearnerTables;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Tin Can's personal data (README "Personal data"): a learner's registrations with their outcome and the xAPI
 * account name the launch gave the content. Launch credentials (their secret hashes) go with their registration
 * and are never exported; anonymizing also writes the pseudonym for the account name. The statements are the LRS's.
 */
@ApplicationScoped
public class TincanPersonalData extends LearnerTables {

    static final String REGISTRATIONS = "manabi_tincan_registration";
    private static final String CREDENTIALS = "manabi_tincan_credential";

    @Override
    public String module() {
        return "tincan";
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(REGISTRATIONS, "registrations", "updated_at", Set.of()));
    }

    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        return deleteCredentials(c, s) + super.erase(c, s);
    }

    /**
     * The registrations stay under the pseudonym; their launch credentials, which name the launch actor
     * ({@code actor_key}), are secrets rather than records and are deleted (an open launch can no longer write).
     */
    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        int credentials = deleteCredentials(c, s);
        Sql.update(c, "update " + REGISTRATIONS + " set account_name = ? where tenant_id = ? and learner_id = ?",
                pseudonym, s.tenant().id(), s.learnerId());
        return credentials + super.anonymize(c, s, pseudonym);
    }

    private static int deleteCredentials(Connection c, DataSubject s) throws SQLException {
        return Sql.update(c, "delete from " + CREDENTIALS + " where registration in (select registration from "
                + REGISTRATIONS + " where tenant_id = ? and learner_id = ?)", s.tenant().id(), s.learnerId());
    }

    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        return Sql.update(c, "delete from " + CREDENTIALS + " where registration in (select registration from "
                + REGISTRATIONS + " where updated_at < ?)", Timestamp.from(cutoff)) + super.expire(c, cutoff);
    }
}
