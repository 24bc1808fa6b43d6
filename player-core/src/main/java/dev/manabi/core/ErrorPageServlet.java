package dev.manabi.core;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page the SDK's {@code META-INF/web-fragment.xml} names for 400, 404, 405 and 500 (Servlet 6.0 section
 * 10.9.2): what the container answers itself, before or around the SDK's code, becomes the SDK's JSON
 * {@code {"status","code","message"}} under {@code /manabi/}. That covers addresses the container refuses while
 * mapping them to a servlet (Servlet 6.0 section 3.5.2: an encoded {@code /}, {@code .}, {@code \} or {@code #}, a
 * {@code ..} above the root, a control character: 400 {@code malformed-url}), files missing under
 * {@code /manabi/assets} (404 {@code not-found}) and failures outside JAX-RS (500 {@code internal-error} with an
 * incident id; the exception stays in the server log). Messages never echo the address or an exception text, so
 * neither the server's paths nor its product show.
 *
 * <p>The error page belongs to the whole web application. A host that declares its own error page for a code in
 * its {@code web.xml} keeps it (the descriptor wins over fragments, section 8.2.3); for addresses outside
 * {@code /manabi/} this page answers the bare status line as plain text instead of the container's page, which
 * shows exception classes and stack frames.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());
    static final String SDK_PATH = "/manabi";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failedUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (!(status instanceof Integer code) || !(failedUri instanceof String uri)) {
            // Asked for directly, not as an error page: there is nothing here.
            write(response, error(404, null));
            return;
        }
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        ApiError error = error(code, failure);
        if (path.equals(SDK_PATH) || path.startsWith(SDK_PATH + "/")) {
            write(response, error);
        } else {
            response.setStatus(code);
            response.setContentType("text/plain");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(code + " " + reason(code) + "\n");
        }
    }

    /** The error body for a status the container decided; exception details go to the log, never to the client. */
    static ApiError error(int status, Throwable failure) {
        return switch (status) {
            case 400 -> malformedAddress(failure)
                    ? new ApiError(400, "malformed-url", "The address contains an encoded '/', '.', '\\' or '#',"
                            + " a '..' above the root, or a control character; this server does not accept it", null)
                    : new ApiError(400, "http-400", "Bad request", null);
            case 404 -> new ApiError(404, "not-found", "No such address", null);
            case 500 -> {
                String incident = UUID.randomUUID().toString();
                LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
                yield new ApiError(500, "internal-error", "Unexpected server error (incident " + incident + ")", null);
            }
            default -> new ApiError(status, "http-" + status, reason(status), null);
        };
    }

    /**
     * Whether the container refused the request's address: its URI checks throw an {@link IOException} (Open Liberty
     * prefixes the message with CWWWC0005I or "Bad Request"), found as the cause of the reported failure.
     */
    private static boolean malformedAddress(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage();
                if (message.contains("CWWWC0005I") || message.toLowerCase(Locale.ROOT).startsWith("bad request")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void write(HttpServletResponse response, ApiError error) throws IOException {
        byte[] body = Json.mapper().writeValueAsBytes(error);
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
