package dev.manabi.api;

import java.util.Objects;

/**
 * An institution using the player. Every stored row carries its tenant id; nothing is ever read across tenants
 * except by a {@link Role#PLATFORM_ADMIN}.
 *
 * @param id   stable identifier supplied by the host (e.g. the institution's domain or SAML scope)
 * @param name display name (e.g. SAML organizationName)
 */
public record Tenant(String id, String name) {

    /** Longest tenant id accepted; ids end up in every index, so they are kept short. */
    public static final int MAX_ID_LENGTH = 128;

    public Tenant {
        Objects.requireNonNull(id, "tenant id");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("Tenant id must be 1-" + MAX_ID_LENGTH + " characters");
        }
        name = name == null || name.isBlank() ? id : LearnerContext.cut(name);
    }
}
