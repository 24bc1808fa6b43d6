package dev.manabi.rules;

import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.LearnerTables;
import dev.manabi.core.spi.PersonalRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The completion rules' personal data (README "Personal data"): what the rules awarded a learner (units, course,
 * with score and time), and the editor who last saved a course's rules ({@code updated_by}: an erased or anonymized
 * editor keeps only their pseudonym there, README "Personal data"). No name or mail.
 */
@ApplicationScoped
public class RulesPersonalData extends LearnerTables {

    static final String AWARDS = "manabi_rules_award";

    @Override
    public String module() {
        return "rules";
    }

    private static final String OWNER = "(select k.owner_tenant_id from manabi_course k"
            + " where k.id = manabi_rules_course.course_id)";

    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        // Matched on the editor's own institution (V2), never the course's: a platform admin edits other
        // institutions' rules. A row copied from the quiz engine's table after V2 has no editor institution yet:
        // the course owner's, as V2 backfilled.
        return PersonalRows.renameRecordedActor(c, s, pseudonym, "manabi_rules_course",
                "coalesce(updated_by_tenant, " + OWNER + ")", "updated_by");
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(AWARDS, "awards", "awarded_at", Set.of()));
    }
}
