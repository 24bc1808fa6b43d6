package dev.manabi.scorm.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Json;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.PersonalData;
import dev.manabi.core.spi.PersonalRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SCORM run-time's personal data (README "Personal data"): a learner's attempts, each SCO's run-time data (the
 * CMI values, which carry the learner's id and name: cmi.learner_id / cmi.learner_name in SCORM 2004 RTE 4.2.11-12,
 * cmi.core.student_id / student_name in SCORM 1.2 RTE 3.4.2), shared data buckets, and sequencing state and global
 * objectives. Anonymizing renames the learner and writes the pseudonym for the id and an empty name into the CMI
 * values, so a SCO launched from a kept attempt never shows the name again.
 */
@ApplicationScoped
public class ScormPersonalData implements PersonalData {

    static final String ATTEMPTS = "manabi_scorm_attempt";
    static final String SHARED = "manabi_scorm_shared_data";
    static final String GLOBALS = "manabi_scorm_seq_global";
    /** The children of an attempt, deleted with it. */
    private static final List<String> ATTEMPT_PARTS = List.of("manabi_scorm_sco_attempt", "manabi_scorm_seq_state");
    private static final String OF_LEARNER = "attempt_id in (select id from " + ATTEMPTS
            + " where tenant_id = ? and learner_id = ?)";
    private static final Map<String, Boolean> IDENTIFYING = Map.of("cmi.learner_id", true, "cmi.core.student_id",
            true, "cmi.learner_name", false, "cmi.core.student_name", false);

    @Override
    public String module() {
        return "scorm";
    }

    @Override
    public JsonNode export(Connection c, DataSubject s) throws SQLException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("attempts", PersonalRows.ofLearner(c, ATTEMPTS, s, Set.of()));
        ArrayNode scos = PersonalRows.select(c, "select * from manabi_scorm_sco_attempt where " + OF_LEARNER
                + " order by attempt_id, item_id", Set.of("session_token"), s.tenant().id(), s.learnerId());
        for (JsonNode sco : scos) {
            ((ObjectNode) sco).set("cmi_json", Json.mapper().valueToTree(
                    ScormRuntime.Store.parse(sco.get("cmi_json").asText())));
        }
        out.set("scos", scos);
        out.set("sharedData", PersonalRows.ofLearner(c, SHARED, s, Set.of()));
        out.set("globalObjectives", PersonalRows.ofLearner(c, GLOBALS, s, Set.of()));
        return out;
    }

    /** Package versions the subject imported keep the pseudonym as importer (README "Personal data"). */
    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameActor(c, s, pseudonym, "manabi_scorm_package", "(select l.owner_tenant_id from"
                + " manabi_scorm_line l where l.id = manabi_scorm_package.line_id)", "imported_by");
    }

    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        int rows = 0;
        for (String part : ATTEMPT_PARTS) {
            rows += Sql.update(c, "delete from " + part + " where " + OF_LEARNER, s.tenant().id(), s.learnerId());
        }
        return rows + PersonalRows.deleteLearnerRows(c, s, ATTEMPTS, SHARED, GLOBALS);
    }

    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        record Sco(String attemptId, String itemId, Map<String, String> cmi) {
        }
        List<Sco> scos = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select attempt_id, item_id, cmi_json from"
                + " manabi_scorm_sco_attempt where " + OF_LEARNER)) {
            Sql.bind(ps, s.tenant().id(), s.learnerId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    scos.add(new Sco(rs.getString(1), rs.getString(2), ScormRuntime.Store.parse(rs.getString(3))));
                }
            }
        }
        int rows = 0;
        for (Sco sco : scos) {
            IDENTIFYING.forEach((element, isId) -> sco.cmi().computeIfPresent(element,
                    (k, v) -> isId ? pseudonym : ""));
            rows += Sql.update(c, "update manabi_scorm_sco_attempt set cmi_json = ? where attempt_id = ?"
                    + " and item_id = ?", ScormRuntime.Store.json(sco.cmi()), sco.attemptId(), sco.itemId());
        }
        return rows + PersonalRows.renameLearnerRows(c, s, pseudonym, ATTEMPTS, SHARED, GLOBALS);
    }

    /** Attempts last changed before the cutoff go with their SCO data and sequencing state. */
    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        Timestamp before = Timestamp.from(cutoff);
        int rows = 0;
        for (String part : ATTEMPT_PARTS) {
            rows += Sql.update(c, "delete from " + part + " where attempt_id in (select id from " + ATTEMPTS
                    + " where updated_at < ?)", before);
        }
        return rows + PersonalRows.deleteBefore(c, ATTEMPTS, "updated_at", cutoff)
                + PersonalRows.deleteBefore(c, SHARED, "updated_at", cutoff)
                + PersonalRows.deleteBefore(c, GLOBALS, "updated_at", cutoff);
    }
}
