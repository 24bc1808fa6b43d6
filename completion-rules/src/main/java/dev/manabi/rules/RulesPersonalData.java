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

    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        // The rules belong to the course, so the editor's institution is the course owner's.
        return PersonalRows.renameActor(c, s, pseudonym, "manabi_rules_course", "(select k.owner_tenant_id from"
                + " manabi_course k where k.id = manabi_rules_course.course_id)", "updated_by");
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(AWARDS, "awards", "awarded_at", Set.of()));
    }
}
