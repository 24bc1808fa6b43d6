package dev.manabi.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is using the player right now, as the host says: identity, institution, roles and preferred locale.
 *
 * @param learnerId       stable id unique within the tenant (a login name, an eduPersonPrincipalName)
 * @param displayName     name to show; never blank
 * @param mail            mail address; may be a non-deliverable placeholder when the host has none
 * @param tenant          the learner's institution
 * @param roles           what the learner may do
 * @param preferredLocale the host's idea of the learner's language, or null
 */
public record LearnerContext(String learnerId, String displayName, String mail, Tenant tenant, Set<Role> roles,
                             Locale preferredLocale) {

    public LearnerContext {
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(tenant, "tenant");
        if (learnerId.isBlank()) {
            throw new IllegalArgumentException("learnerId must not be blank");
        }
        displayName = displayName == null || displayName.isBlank() ? learnerId : displayName;
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** True when this person may read the records of {@code tenantId}'s members. */
    public boolean mayAdminister(String tenantId) {
        return hasRole(Role.PLATFORM_ADMIN) || (hasRole(Role.INSTITUTION_ADMIN) && tenant.id().equals(tenantId));
    }

    public Optional<Locale> locale() {
        return Optional.ofNullable(preferredLocale);
    }
}
