package dev.manabi.scorm.seq;

import java.util.Objects;

/**
 * A navigation request (SN 4.4.2 / RTE 4.4.1 {@code adl.nav.request}): from the LMS user interface, a TOC choice,
 * or the SCO.
 *
 * @param type   the request
 * @param target the target activity id for choice and jump, else null
 */
public record NavigationRequest(Type type, String target) {

    /** SN 4.4.2 navigation request types. */
    public enum Type {
        START("start"), RESUME_ALL("resumeAll"), CONTINUE("continue"), PREVIOUS("previous"), FORWARD("forward"),
        BACKWARD("backward"), CHOICE("choice"), JUMP("jump"), EXIT("exit"), EXIT_ALL("exitAll"),
        ABANDON("abandon"), ABANDON_ALL("abandonAll"), SUSPEND_ALL("suspendAll");

        private final String token;

        Type(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    public NavigationRequest {
        Objects.requireNonNull(type, "type");
        if ((type == Type.CHOICE || type == Type.JUMP) && (target == null || target.isBlank())) {
            throw new IllegalArgumentException(type.token + " needs a target activity");
        }
    }

    public static NavigationRequest of(Type type) {
        return new NavigationRequest(type, null);
    }

    public static NavigationRequest choice(String target) {
        return new NavigationRequest(Type.CHOICE, target);
    }

    public static NavigationRequest jump(String target) {
        return new NavigationRequest(Type.JUMP, target);
    }

    /**
     * Parses an {@code adl.nav.request} value (RTE 4.4.1): {@code continue}, {@code previous}, {@code exit},
     * {@code exitAll}, {@code abandon}, {@code abandonAll}, {@code suspendAll}, {@code start}, {@code resumeAll},
     * {@code {target=ID}choice}, {@code {target=ID}jump}. IllegalArgumentException for anything else.
     */
    public static NavigationRequest parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no navigation request");
        }
        String v = value.strip();
        if (v.startsWith("{target=")) {
            int close = v.indexOf('}');
            if (close < 0) {
                throw new IllegalArgumentException("malformed navigation request '" + value + "'");
            }
            String target = v.substring("{target=".length(), close);
            String verb = v.substring(close + 1);
            return switch (verb) {
                case "choice" -> choice(target);
                case "jump" -> jump(target);
                default -> throw new IllegalArgumentException("malformed navigation request '" + value + "'");
            };
        }
        for (Type t : Type.values()) {
            if (t.token.equals(v) && t != Type.CHOICE && t != Type.JUMP) {
                return of(t);
            }
        }
        throw new IllegalArgumentException("unknown navigation request '" + value + "'");
    }
}
