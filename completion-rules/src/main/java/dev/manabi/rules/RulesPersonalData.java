package dev.manabi.rules;

import dev.manabi.core.spi.LearnerTables;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The completion rules' personal data (README "Personal data"): what the rules awarded a learner (units, course,
 * with score and time). No name or mail.
 */
@ApplicationScoped
public class RulesPersonalData extends LearnerTables {

    static final String AWARDS = "manabi_rules_award";

    @Override
    public String module() {
        return "rules";
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(AWARDS, "awards", "awarded_at", Set.of()));
    }
}
