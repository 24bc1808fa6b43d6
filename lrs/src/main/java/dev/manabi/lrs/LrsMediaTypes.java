package dev.manabi.lrs;

/** Media types the xAPI resources speak (2.0 Part Three 2.1.4 / 1.0.3 Communication 1.5). */
final class LrsMediaTypes {

    static final String JSON = "application/json";
    static final String MULTIPART_MIXED = "multipart/mixed";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String OCTETS = "application/octet-stream";

    private LrsMediaTypes() {
    }

    /** The type/subtype of a Content-Type header, lower case, without parameters; "" when absent. */
    static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** A parameter of a Content-Type header (e.g. boundary), unquoted, or null. */
    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    static boolean isJson(String contentType) {
        String e = essence(contentType);
        return e.equals(JSON) || e.endsWith("+json");
    }
}
