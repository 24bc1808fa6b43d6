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

    /** Longest learner id accepted (it is part of every learner record's key). */
    public static final int MAX_ID_LENGTH = 256;
    /** Longest display name kept (longer ones are cut, not refused) and longest mail kept (longer ones are dropped). */
    public static final int MAX_TEXT_LENGTH = 400;

    public LearnerContext {
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(tenant, "tenant");
        if (learnerId.isBlank() || learnerId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("learnerId must be 1-" + MAX_ID_LENGTH + " characters");
        }
        displayName = displayName == null || displayName.isBlank() ? learnerId : cut(displayName);
        mail = mail == null || mail.length() > MAX_TEXT_LENGTH ? null : mail;
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    static String cut(String text) {
        if (text.length() <= MAX_TEXT_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT_LENGTH - 1)) ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
        return text.substring(0, end);
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
