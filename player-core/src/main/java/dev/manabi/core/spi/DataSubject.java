package dev.manabi.core.spi;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Tenant;
import java.util.Objects;
import java.util.Set;

/**
 * The learner whose personal data a {@link PersonalData} module exports, erases or anonymizes: their tenant and
 * learner id (the key of every learner record), and the mail the host last gave for them (null when unknown), which
 * some stored forms derive from (the xAPI actor of a learner whose id is a mail address).
 */
public record DataSubject(Tenant tenant, String learnerId, String mail) {

    public DataSubject {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(learnerId, "learnerId");
    }

    /** The subject as a learner context without roles, for APIs keyed by one (the statement actor). */
    public LearnerContext asLearner() {
        return new LearnerContext(learnerId, null, mail, tenant, Set.of(), null);
    }
}
