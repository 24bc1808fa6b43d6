package dev.manabi.cmi5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.PersonalData;
import dev.manabi.core.spi.PersonalRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;

/**
 * cmi5's personal data (README "Personal data"): a learner's registrations (cmi5 section 9.6.1) and their launch
 * sessions, without the hashes of the fetch token and session credential. The statements those sessions wrote are
 * the LRS's. Anonymizing renames the learner; a registration is a random UUID and stays.
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

    @Override
    public JsonNode export(Connection c, DataSubject s) throws SQLException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("registrations", PersonalRows.ofLearner(c, REGISTRATIONS, s, Set.of()));
        out.set("sessions", PersonalRows.select(c, "select * from manabi_cmi5_session where " + OF_LEARNER
                + " order by launched_at", Set.of("fetch_key_hash", "token_hash"), s.tenant().id(), s.learnerId()));
        return out;
    }

    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        return Sql.update(c, "delete from manabi_cmi5_session where " + OF_LEARNER, s.tenant().id(), s.learnerId())
                + PersonalRows.deleteLearnerRows(c, s, REGISTRATIONS);
    }

    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameLearnerRows(c, s, pseudonym, REGISTRATIONS);
    }

    /** Sessions launched before the cutoff, then registrations made before it that no session still uses. */
    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        Timestamp before = Timestamp.from(cutoff);
        return PersonalRows.deleteBefore(c, "manabi_cmi5_session", "launched_at", cutoff)
                + Sql.update(c, "delete from " + REGISTRATIONS + " where created_at < ? and not exists (select 1"
                + " from manabi_cmi5_session s where s.registration = " + REGISTRATIONS + ".registration)", before);
    }
}
