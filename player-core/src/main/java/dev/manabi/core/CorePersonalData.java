package dev.manabi.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.PersonalData;
import dev.manabi.core.spi.PersonalRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The core's personal data: the learner row (name, mail, UI language, first and last seen), the progress facts
 * completion rules use, and the learner's statements still waiting in the statement outbox (those the LRS holds are
 * the lrs module's). Audit entries naming the learner are kept, with the learner id replaced by the pseudonym.
 */
@ApplicationScoped
public class CorePersonalData implements PersonalData {

    @Inject
    StatementOutbox outbox;

    @Inject
    Pseudonyms pseudonyms;

    @Override
    public String module() {
        return "core";
    }

    @Override
    public JsonNode export(Connection c, DataSubject s) throws SQLException {
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("account", PersonalRows.select(c, "select tenant_id, learner_id, display_name, mail, ui_language, audio_preference,"
                + " first_seen, last_seen from manabi_learner where tenant_id = ? and learner_id = ?",
                s.tenant().id(), s.learnerId()));
        out.set("progress", PersonalRows.select(c, "select course_id, kind, ref, completed, passed, score,"
                + " max_score, updated_at from manabi_progress_fact where tenant_id = ? and learner_id = ?"
                + " order by course_id, kind, ref", s.tenant().id(), s.learnerId()));
        var statements = out.putArray("pendingStatements");
        for (Pending p : pending(c, s)) {
            statements.add(p.statement());
        }
        return out;
    }

    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        int rows = 0;
        for (Pending p : pending(c, s)) {
            rows += Sql.update(c, "delete from manabi_statement_outbox where seq = ?", p.seq());
        }
        return rows + forgetAccount(c, s, pseudonyms.of(s.tenant().id(), s.learnerId()))
                + Sql.update(c, "delete from manabi_progress_fact where tenant_id = ?"
                + " and learner_id = ?", s.tenant().id(), s.learnerId());
    }

    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        int rows = 0;
        for (Pending p : pending(c, s)) {
            ((ObjectNode) p.statement().get("actor").get("account")).put("name", pseudonym);
            rows += Sql.update(c, "update manabi_statement_outbox set body = ? where seq = ?",
                    write(p.statement()), p.seq());
        }
        return rows + forgetAccount(c, s, pseudonym) + Sql.update(c, "update manabi_progress_fact set learner_id = ?"
                + " where tenant_id = ? and learner_id = ?", pseudonym, s.tenant().id(), s.learnerId());
    }

    /**
     * Courses the subject created and records credentials they issued keep the pseudonym as their creator; a records
     * credential is matched on its creator's institution and id (a platform admin issues them for others).
     */
    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameActor(c, s, pseudonym, "manabi_course", "owner_tenant_id", "created_by")
                + PersonalRows.renameRecordedActor(c, s, pseudonym, "manabi_records_credential", "created_by_tenant",
                        "created_by");
    }

    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        Timestamp before = Timestamp.from(cutoff);
        return Sql.update(c, "delete from manabi_progress_fact where updated_at < ?", before)
                + Sql.update(c, "delete from manabi_statement_outbox where queued_at < ?", before);
    }

    /**
     * The account itself (name, mail, language) and the note that the retention job deleted it; audit entries keep
     * only the pseudonym.
     */
    private static int forgetAccount(Connection c, DataSubject s, String pseudonym) throws SQLException {
        AuditLog.Store.pseudonymize(c, s.tenant().id(), s.learnerId(), pseudonym);
        return Sql.update(c, "delete from manabi_learner where tenant_id = ? and learner_id = ?",
                s.tenant().id(), s.learnerId())
                + Sql.update(c, "delete from manabi_learner_deletion where tenant_id = ? and learner_id = ?",
                s.tenant().id(), s.learnerId());
    }

    private record Pending(long seq, ObjectNode statement) {
    }

    /** The outbox rows whose actor is the learner (the outbox has no learner column: its rows are statements). */
    private List<Pending> pending(Connection c, DataSubject s) throws SQLException {
        String homePage = outbox.homePage(s.tenant());
        String name = outbox.accountName(s.asLearner());
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, body from manabi_statement_outbox"
                + " where tenant_id = ? order by seq")) {
            ps.setString(1, s.tenant().id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode statement = (ObjectNode) read(rs.getString(2));
                    JsonNode account = statement.path("actor").path("account");
                    if (name.equals(account.path("name").asText(null))
                            && homePage.equals(account.path("homePage").asText(null))) {
                        out.add(new Pending(rs.getLong(1), statement));
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox row is not JSON", e);
        }
    }

    private static String write(JsonNode json) {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
