package dev.manabi.api;

/**
 * An authenticated request that cannot become a {@link LearnerContext}. The API answers 403, never data.
 */
public class IdentityException extends PlayerException {

    private static final long serialVersionUID = 1L;

    public IdentityException(String code, String message) {
        super(403, code, message);
    }

    /** The host authenticated the user but supplied no institution. */
    public static IdentityException noTenant(String detail) {
        return new IdentityException("no-tenant", "No institution (tenant) for this user: " + detail);
    }

    /** A required identity attribute is missing or malformed. */
    public static IdentityException incomplete(String detail) {
        return new IdentityException("incomplete-identity", detail);
    }
}
