package dev.manabi.cmi5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.PersonalData;
import dev.manabi.core.spi.PersonalRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * cmi5's personal data (README "Personal data"): a learner's registrations (cmi5 section 9.6.1) with the xAPI agent
 * they were made for (8.1 actor: account, display name), the courses they launched (the launch lock rows), what
 * they did per AU (completed, passed, waived; the
 * latest judgment and score) and satisfied, and their launch
 * sessions, without the hashes of the fetch token and session credential. The statements those sessions wrote are
 * the LRS's. Erasing deletes all of it; anonymizing renames the learner and replaces the registrations' agent by the
 * one the LRS writes into the learner's anonymized statements ({@link StatementOutbox#pseudonymousAgent}), so they
 * still match; a registration is a random UUID and stays.
 */
@ApplicationScoped
public class Cmi5PersonalData implements PersonalData {

    static final String REGISTRATIONS = "manabi_cmi5_registration";
    /** One row per learner and course launched: the lock serialising the learner's launches of it (V5). */
    static final String LAUNCH_LOCKS = "manabi_cmi5_launch_lock";
    private static final String OF_LEARNER = "registration in (select registration from " + REGISTRATIONS
            + " where tenant_id = ? and learner_id = ?)";
    /** The rows of a registration besides its sessions, deleted before it (their foreign keys name it). */
    private static final List<String> PER_REGISTRATION = List.of("manabi_cmi5_au_result", "manabi_cmi5_au_status",
            "manabi_cmi5_satisfied");

    @Override
    public String module() {
        return "cmi5";
    }

    @Inject
    StatementOutbox outbox;

    @Override
    public JsonNode export(Connection c, DataSubject s) throws SQLException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("registrations", PersonalRows.ofLearner(c, REGISTRATIONS, s, Set.of()));
        out.set("launchedCourses", PersonalRows.ofLearner(c, LAUNCH_LOCKS, s, Set.of()));
        out.set("sessions", PersonalRows.select(c, "select * from manabi_cmi5_session where " + OF_LEARNER
                + " order by launched_at", Set.of("fetch_key_hash", "token_hash"), s.tenant().id(), s.learnerId()));
        for (String table : PER_REGISTRATION) {
            out.set(table.substring("manabi_cmi5_".length()), PersonalRows.select(c, "select * from " + table
                    + " where " + OF_LEARNER + " order by registration", Set.of(), s.tenant().id(), s.learnerId()));
        }
        return out;
    }

    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        int n = 0;
        for (String table : PER_REGISTRATION) {
            n += Sql.update(c, "delete from " + table + " where " + OF_LEARNER, s.tenant().id(), s.learnerId());
        }
        return n + Sql.update(c, "delete from manabi_cmi5_session where " + OF_LEARNER, s.tenant().id(),
                s.learnerId()) + PersonalRows.deleteLearnerRows(c, s, REGISTRATIONS, LAUNCH_LOCKS);
    }

    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        String agent = outbox.pseudonymousAgent(s.tenant(), pseudonym).toString();
        // sessions keep the agent of their launch URL (V5), registrations their latest
        Sql.update(c, "update manabi_cmi5_session set actor = ? where actor is not null and " + OF_LEARNER, agent,
                s.tenant().id(), s.learnerId());
        Sql.update(c, "update " + REGISTRATIONS + " set actor = ? where tenant_id = ? and learner_id = ?", agent,
                s.tenant().id(), s.learnerId());
        return PersonalRows.renameLearnerRows(c, s, pseudonym, REGISTRATIONS, LAUNCH_LOCKS);
    }

    /**
     * Sessions launched before the cutoff, then registrations made before it that no session still uses, with what
     * they did per AU.
     */
    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        Timestamp before = Timestamp.from(cutoff);
        int n = PersonalRows.deleteBefore(c, "manabi_cmi5_session", "launched_at", cutoff);
        String unused = "registration in (select r.registration from " + REGISTRATIONS + " r where r.created_at < ?"
                + " and not exists (select 1 from manabi_cmi5_session s where s.registration = r.registration))";
        for (String table : PER_REGISTRATION) {
            n += Sql.update(c, "delete from " + table + " where " + unused, before);
        }
        n += Sql.update(c, "delete from " + REGISTRATIONS + " where created_at < ? and not exists (select 1"
                + " from manabi_cmi5_session s where s.registration = " + REGISTRATIONS + ".registration)", before);
        // a lock row is only needed while the learner may launch again; one made before the cutoff goes with the
        // last registration of its learner and course (a later launch makes it again)
        return n + Sql.update(c, "delete from " + LAUNCH_LOCKS + " where created_at < ? and not exists (select 1"
                + " from " + REGISTRATIONS + " r where r.tenant_id = " + LAUNCH_LOCKS + ".tenant_id and r.learner_id = "
                + LAUNCH_LOCKS + ".learner_id and r.course_id = " + LAUNCH_LOCKS + ".course_id)", before);
    }
}
