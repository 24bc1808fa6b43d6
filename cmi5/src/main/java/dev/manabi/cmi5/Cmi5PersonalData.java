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
 * they were made for (8.1 actor: account, display name), their AUs' standing and satisfied objects, and their launch
 * sessions, without the hashes of the fetch token and session credential. The statements those sessions wrote are
 * the LRS's. Erasing deletes all of it; anonymizing renames the learner and replaces the registrations' agent by the
 * one the LRS writes into the learner's anonymized statements ({@link StatementOutbox#pseudonymousAgent}), so they
 * still match; a registration is a random UUID and stays.
 */
@ApplicationScoped
public class Cmi5PersonalData implements PersonalData {

    static final String REGISTRATIONS = "manabi_cmi5_registration";
    private static final String OF_LEARNER = "registration in (select registration from " + REGISTRATIONS
            + " where tenant_id = ? and learner_id = ?)";

    @Override
    public String module() {
        return "cmi5";
    }

    /** Tables of a registration's parts, deleted with it (children of {@link #REGISTRATIONS}). */
    private static final List<String> PARTS = List.of("manabi_cmi5_session", "manabi_cmi5_au_status",
            "manabi_cmi5_satisfied");

    @Inject
    StatementOutbox outbox;

    @Override
    public JsonNode export(Connection c, DataSubject s) throws SQLException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("registrations", PersonalRows.ofLearner(c, REGISTRATIONS, s, Set.of()));
        out.set("auStatus", PersonalRows.select(c, "select * from manabi_cmi5_au_status where " + OF_LEARNER
                + " order by registration, au_id", s.tenant().id(), s.learnerId()));
        out.set("satisfied", PersonalRows.select(c, "select * from manabi_cmi5_satisfied where " + OF_LEARNER
                + " order by satisfied_at", s.tenant().id(), s.learnerId()));
        out.set("sessions", PersonalRows.select(c, "select * from manabi_cmi5_session where " + OF_LEARNER
                + " order by launched_at", Set.of("fetch_key_hash", "token_hash"), s.tenant().id(), s.learnerId()));
        return out;
    }

    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        int rows = 0;
        for (String part : PARTS) {
            rows += Sql.update(c, "delete from " + part + " where " + OF_LEARNER, s.tenant().id(), s.learnerId());
        }
        return rows + PersonalRows.deleteLearnerRows(c, s, REGISTRATIONS);
    }

    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        Sql.update(c, "update " + REGISTRATIONS + " set actor = ? where tenant_id = ? and learner_id = ?",
                outbox.pseudonymousAgent(s.tenant(), pseudonym).toString(), s.tenant().id(), s.learnerId());
        return PersonalRows.renameLearnerRows(c, s, pseudonym, REGISTRATIONS);
    }

    /**
     * Sessions launched before the cutoff, then registrations made before it that no session still uses, with their
     * AUs' standing and satisfied objects.
     */
    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        Timestamp before = Timestamp.from(cutoff);
        String expired = "registration in (select registration from " + REGISTRATIONS + " where created_at < ? and"
                + " not exists (select 1 from manabi_cmi5_session s where s.registration = " + REGISTRATIONS
                + ".registration))";
        int rows = PersonalRows.deleteBefore(c, "manabi_cmi5_session", "launched_at", cutoff);
        for (String part : PARTS.subList(1, PARTS.size())) {
            rows += Sql.update(c, "delete from " + part + " where " + expired, before);
        }
        return rows + Sql.update(c, "delete from " + REGISTRATIONS + " where " + expired, before);
    }
}
