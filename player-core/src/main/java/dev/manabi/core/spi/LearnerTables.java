package dev.manabi.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@link PersonalData} for a module whose learner data is rows of tables keyed by {@code tenant_id} and
 * {@code learner_id} without names or mails in them: a subclass names its tables, and export, erasure, anonymization
 * (renaming the learner) and expiry follow.
 */
public abstract class LearnerTables implements PersonalData {

    /**
     * One table: its name, the member of the export that holds its rows, the column (or expression) of a row's last
     * change, which expiry compares with the cutoff, and columns never exported.
     */
    public record Table(String name, String exportAs, String lastChange, Set<String> omit) {
    }

    /** The module's tables, children before parents. */
    protected abstract List<Table> tables();

    @Override
    public JsonNode export(Connection c, DataSubject s) throws SQLException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Table t : tables()) {
            out.set(t.exportAs(), PersonalRows.ofLearner(c, t.name(), s, t.omit()));
        }
        return out;
    }

    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        return PersonalRows.deleteLearnerRows(c, s, names());
    }

    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameLearnerRows(c, s, pseudonym, names());
    }

    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        int rows = 0;
        for (Table t : tables()) {
            rows += PersonalRows.deleteBefore(c, t.name(), t.lastChange(), cutoff);
        }
        return rows;
    }

    private String[] names() {
        return tables().stream().map(Table::name).toArray(String[]::new);
    }
}
