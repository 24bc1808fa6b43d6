package dev.manabi.api;

/**
 * A failure the API reports to its caller as {@code {"status", "code", "message", "details"}} with the given HTTP
 * status. Codes are stable, lower-case and hyphenated so clients can switch on them; messages are for people.
 */
public class PlayerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Object details;

    public PlayerException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public PlayerException(int status, String code, String message, Object details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra machine-readable information (e.g. a validation report), serialized as JSON; may be null. */
    public Object details() {
        return details;
    }

    public static PlayerException unauthenticated() {
        return new PlayerException(401, "unauthenticated", "Sign-in required");
    }

    public static PlayerException forbidden(String message) {
        return new PlayerException(403, "forbidden", message);
    }

    public static PlayerException notFound(String message) {
        return new PlayerException(404, "not-found", message);
    }

    public static PlayerException badRequest(String code, String message) {
        return new PlayerException(400, code, message);
    }

    public static PlayerException conflict(String code, String message) {
        return new PlayerException(409, code, message);
    }
}
