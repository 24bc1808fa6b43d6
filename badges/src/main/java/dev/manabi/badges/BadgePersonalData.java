package dev.manabi.badges;

import dev.manabi.core.Sql;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.LearnerTables;
import dev.manabi.core.spi.PersonalRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The badges' personal data (README "Personal data", badges/README.md "Personal data"): what completion rules said a
 * learner achieved and the badges issued to them (not who revoked one). A badge whose learner's data is gone is
 * <b>withdrawn</b>: its hosted assertion, baked images and OB 3.0 credential answer 410 Gone and its OB 3.0 status bit
 * is set, so copies the learner handed out no longer verify (the recipient, a salted hash of the mail, is personal
 * data: whoever knows the address can match it).
 * <ul>
 *   <li>erase / expire (expiry: only of learners without an account, {@link #expire}): the assertion rows are
 *       deleted; their ids stay in {@code manabi_badge_withdrawn} (410, not
 *       404) and their status indexes as tombstones (bit set, never reused);</li>
 *   <li>anonymize (records kept, identifiers removed): the rows stay under the pseudonym, as the institution's record
 *       of badges awarded, with the recipient salt and hash cleared and {@code withdrawn_at} set.</li>
 * </ul>
 */
@ApplicationScoped
public class BadgePersonalData extends LearnerTables {

    static final String ACHIEVEMENTS = "manabi_badge_achievement";
    static final String ASSERTIONS = "manabi_badge_assertion";
    static final String STATUS = "manabi_badge_status";
    static final String WITHDRAWN = "manabi_badge_withdrawn";

    /** When badges are withdrawn; tests set their own. */
    Clock clock = Clock.systemUTC();

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

    /**
     * A badge belongs to its holder (issue 15, review 3): record expiry takes the assertions issued before the
     * cutoff only from learners without an account (deleted for inactivity, anonymized); an active learner keeps a
     * badge however old, and it is withdrawn when the account goes (anonymization, erasure) and then expires. The
     * achievements are learning records and expire by their date.
     */
    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        String expiring = "select a.id from " + ASSERTIONS + " a where a.issued_on < ? and "
                + PersonalRows.withoutAccount("a");
        Timestamp before = Timestamp.from(cutoff);
        return bury(c, expiring, before)
                + Sql.update(c, "delete from " + ASSERTIONS + " where id in (" + expiring + ")", before)
                + PersonalRows.deleteBefore(c, ACHIEVEMENTS, "achieved_at", cutoff);
    }

    /**
     * The learner's badges are withdrawn (410, status bit set by {@code withdrawn_at}) and the recipient hash and
     * salt, which anyone knowing the learner's mail could match, cleared; the rows stay, renamed to the pseudonym.
     */
    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        Sql.update(c, "update " + ASSERTIONS + " set recipient_salt = null, recipient_hash = null,"
                + " withdrawn_at = coalesce(withdrawn_at, ?) where tenant_id = ? and learner_id = ?",
                Timestamp.from(clock.instant()), s.tenant().id(), s.learnerId());
        return super.anonymize(c, s, pseudonym);
    }

    /**
     * Badges the subject revoked keep the pseudonym as revoker, whichever institution's learner they were awarded to
     * (an issuing institution's admin revokes other institutions' learners' badges): matched on the revoker's
     * institution and id ({@code revoked_by_tenant}, {@code revoked_by}), never on the learner's institution.
     */
    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameRecordedActor(c, s, pseudonym, ASSERTIONS, "revoked_by_tenant", "revoked_by");
    }

    /**
     * Before the assertions selected by {@code assertions} are deleted: their ids are kept as withdrawn (hosted URLs
     * answer 410) and their status rows become tombstones.
     */
    private int bury(Connection c, String assertions, Object... params) throws SQLException {
        Object[] withdrawnParams = new Object[params.length + 1];
        withdrawnParams[0] = Timestamp.from(clock.instant());
        System.arraycopy(params, 0, withdrawnParams, 1, params.length);
        Sql.update(c, "insert into " + WITHDRAWN + " (assertion_id, withdrawn_at) select id, cast(? as timestamp) from " + ASSERTIONS
                + " where id in (" + assertions + ")", withdrawnParams);
        Sql.update(c, "insert into " + STATUS + "_tombstone (issuer_id, status_index) select issuer_id, status_index"
                + " from " + STATUS + " where assertion_id in (" + assertions + ")", params);
        return Sql.update(c, "delete from " + STATUS + " where assertion_id in (" + assertions + ")", params);
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(ACHIEVEMENTS, "achievements", "achieved_at", Set.of()),
                new Table(ASSERTIONS, "assertions", "issued_on", Set.of("revoked_by", "revoked_by_tenant")));
    }
}
