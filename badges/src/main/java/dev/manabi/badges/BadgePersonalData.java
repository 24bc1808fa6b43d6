package dev.manabi.badges;

import dev.manabi.core.spi.LearnerTables;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The badges' personal data (README "Personal data"): what completion rules said a learner achieved and the badges
 * issued to them (not who revoked one). An erased learner's assertions are deleted (their hosted URLs then answer
 * 404); an anonymized learner's stay, renamed: the recipient is a salted hash of the mail, which only its holder can
 * match, and the hosted assertion never named the learner.
 */
@ApplicationScoped
public class BadgePersonalData extends LearnerTables {

    static final String ACHIEVEMENTS = "manabi_badge_achievement";
    static final String ASSERTIONS = "manabi_badge_assertion";

    @Override
    public String module() {
        return "badges";
    }

    @Override
    protected List<Table> tables() {
        return List.of(new Table(ACHIEVEMENTS, "achievements", "achieved_at", Set.of()),
                new Table(ASSERTIONS, "assertions", "issued_on", Set.of("revoked_by")));
    }
}
