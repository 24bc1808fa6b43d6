package dev.manabi.cmi5;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cmi5 fetch URL (section 8.2): {@code POST /manabi/cmi5/fetch/<key>} answers {@code {"auth-token": ...}} once
 * and the spec's error JSON after that, always 200 {@code application/json} (8.2.2). The key in the path is the
 * capability, so no sign-in is involved; AUs run on the content origin or anywhere else (a bare cmi5.xml's AUs), so
 * any origin may call it (CORS without credentials). GET is refused (8.2.1: POST only, to prevent caching).
 */
@WebServlet(name = "ManabiCmi5Fetch", urlPatterns = FetchServlet.PATH + "*")
public class FetchServlet extends HttpServlet {

    /** The path under the context root; the key follows. */
    public static final String PATH = "/manabi/cmi5/fetch/";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FetchServlet.class.getName());

    @Inject
    transient Cmi5Launcher launcher;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String key = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        String body;
        try {
            body = launcher.fetch(key).toString();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "cmi5 fetch failed", e);
            body = "{\"error-code\":\"3\",\"error-text\":\"The LMS could not hand out a token; try again.\"}";
        }
        cors(resp);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doOptions(HttpServletRequest req, HttpServletResponse resp) {
        cors(resp);
        resp.setHeader("Access-Control-Allow-Methods", "POST");
        resp.setHeader("Access-Control-Allow-Headers", "Content-Type");
        resp.setStatus(204);
    }

    private static void cors(HttpServletResponse resp) {
        resp.setHeader("Access-Control-Allow-Origin", "*");
    }
}
