package dev.manabi.xapi;

/**
 * A request the xAPI specification says an LRS must refuse, with the HTTP status it names (xAPI 2.0 Part Three
 * section 2.1.7 / 1.0.3 Communication section 3.2: 400 malformed, 404, 409 conflict, 412 precondition failed, 413,
 * ...). The code is stable and hyphenated, the message is for people.
 */
public class XapiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public XapiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 400 with code {@code invalid-statement}: a statement breaking a MUST rule of the data model. */
    public static XapiException invalid(String path, String message) {
        return new XapiException(400, "invalid-statement", path + ": " + message);
    }

    public static XapiException badRequest(String code, String message) {
        return new XapiException(400, code, message);
    }
}
