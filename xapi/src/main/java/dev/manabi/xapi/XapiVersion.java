package dev.manabi.xapi;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The xAPI versions this LRS speaks, chosen per request by {@code X-Experience-API-Version} (xAPI 2.0 Part Three
 * section 3.3 / 1.0.3 Communication section 3.3). Patch levels of one minor version are interchangeable: a request
 * saying {@code 1.0.1} is answered as {@code 1.0.3}.
 */
public enum XapiVersion {
    V1_0_3("1.0.3"),
    V2_0_0("2.0.0");

    public static final String HEADER = "X-Experience-API-Version";

    private static final Pattern ONE_ZERO = Pattern.compile("1\\.0(\\.\\d+)?");
    private static final Pattern TWO_ZERO = Pattern.compile("2\\.0(\\.\\d+)?");

    private final String label;

    XapiVersion(String label) {
        this.label = label;
    }

    /** The version string sent back in the header and listed by {@code about}. */
    public String label() {
        return label;
    }

    /** Every version, oldest first (the {@code about} resource's list). */
    public static List<String> labels() {
        return List.of(V1_0_3.label, V2_0_0.label);
    }

    /** The version a request header names; 400 when missing or not one we speak. */
    public static XapiVersion ofHeader(String header) {
        if (header == null || header.isBlank()) {
            throw XapiException.badRequest("missing-version", "The " + HEADER + " header is required");
        }
        String value = header.trim();
        if (ONE_ZERO.matcher(value).matches()) {
            return V1_0_3;
        }
        if (TWO_ZERO.matcher(value).matches()) {
            return V2_0_0;
        }
        throw XapiException.badRequest("unsupported-version", "xAPI version '" + value + "' is not supported; use one of "
                + labels());
    }

    /**
     * Whether a statement's own {@code version} property is acceptable: 1.0.x always; 2.0.x only to a 2.0 request
     * (xAPI 2.0 Part Two section 2.4.10: "An LRS MUST accept all Statements where their version starts with 1.0. or
     * 2.0."; 1.0.3 section 2.4.10: "MUST reject statements with a version other than 1.0.x").
     */
    public boolean acceptsStatementVersion(String version) {
        if (ONE_ZERO.matcher(version).matches()) {
            return true;
        }
        return this == V2_0_0 && TWO_ZERO.matcher(version).matches();
    }

    public boolean atLeast2() {
        return this == V2_0_0;
    }
}
