package dev.manabi.badges;

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
 * The badges' personal data (README "Personal data"): what completion rules said a learner achieved and the badges
 * issued to them (not who revoked one). An erased learner's assertions are deleted (their hosted URLs then answer
 * 404); an anonymized learner's stay, renamed: the recipient is a salted hash of the mail, which only its holder can
 * match, and the hosted assertion never named the learner.
 */
@ApplicationScoped
public class BadgePersonalData extends LearnerTables {

    static final String ACHIEVEMENTS = "manabi_badge_achievement";
    static final String ASSERTIONS = "manabi_badge_assertion";
    static final String STATUS = "manabi_badge_status";

    @Override
    public String module() {
        return "badges";
    }

    /**
     * An assertion's bit in its issuer's status list (OB 3.0, W3C Bitstring Status List) outlives it: the status row
     * becomes a tombstone whose bit is set (the credential no longer exists, copies must not verify) and whose index
     * is never allocated again.
     */
    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        return bury(c, "select id from " + ASSERTIONS + " where tenant_id = ? and learner_id = ?",
                s.tenant().id(), s.learnerId()) + super.erase(c, s);
    }

    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        return bury(c, "select id from " + ASSERTIONS + " where issued_on < ?", Timestamp.from(cutoff))
                + super.expire(c, cutoff);
    }

    private static int bury(Connection c, String assertions, Object... params) throws SQLException {
        Sql.update(c, "insert into " + STATUS + "_tombstone (issuer_id, status_index) select issuer_id, status_index"
                + " from " + STATUS + " where assertion_id in (" + assertions + ")", params);
        return Sql.update(c, "delete from " + STATUS + " where assertion_id in (" + assertions + ")", params);
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(ACHIEVEMENTS, "achievements", "achieved_at", Set.of()),
                new Table(ASSERTIONS, "assertions", "issued_on", Set.of("revoked_by")));
    }
}
