package dev.manabi.scorm.delivery;

import dev.manabi.api.PlayerException;
import dev.manabi.core.ContentCapability;
import dev.manabi.core.ContentHostFilter;
import dev.manabi.core.ContentOrigin;
import dev.manabi.core.FileDelivery;
import dev.manabi.core.MimeTypes;
import dev.manabi.scorm.pkg.PackageRepository;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves package content on the content origin ({@link ContentOrigin}, README "Content origin"), authorized by a
 * signed {@link ContentCapability} in the path and never by cookies:
 *
 * <ul>
 *   <li>{@code /manabi/content/c/{capability}/}: the launcher page, which installs the SCORM API on the content
 *   origin and loads the SCO below it ({@code scorm-launcher.js});</li>
 *   <li>{@code /manabi/content/c/{capability}/{path}}: the files of the capability's package version, so the SCO's
 *   relative URLs keep working.</li>
 * </ul>
 *
 * <p>Checking the capability is one HMAC, no database query. With an isolated content origin these paths answer only
 * on its host name (the portal host gives 404); the old cookie-authorized {@code /manabi/content/{packageId}/...}
 * is gone, since a package served on the portal's origin runs with the viewer's identity.
 *
 * <p>HTTP (GET and HEAD) is {@link FileDelivery}'s: single byte ranges (206/416) for seeking in video, strong ETag
 * and Last-Modified validators (304, {@code If-Range}), a private cache lifetime and {@code nosniff} with the
 * platform's {@link MimeTypes} table. Here: no directory listings; paths that could leave the package are refused
 * before touching the disk ({@link ContentPath}) and the resolved file is checked once more to lie under the package
 * root.
 */
@WebServlet(name = "ManabiScormContent", urlPatterns = "/manabi/content/*")
public class ContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContentServlet.class.getName());

    @Inject
    transient PackageRepository repository;

    @Inject
    transient ContentOrigin contentOrigin;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body) throws IOException {
        String portalOrigin = null;
        try {
            ContentPath path = ContentPath.parseCapability(req.getPathInfo()).orElseThrow(ContentServlet::notFound);
            requireContentHost(contentOrigin, req);
            ContentCapability capability = contentOrigin.capabilities().verify(path.packageId());
            portalOrigin = capability.portalOrigin();
            contentOrigin.secure(resp, portalOrigin);
            if (contentOrigin.mode() == ContentOrigin.Mode.SANDBOX) {
                // The sandboxed launcher (an opaque origin) reads the SCO's document to run it beside the API
                // (scorm-launcher.js); no credentials are involved, the capability is the authorization.
                resp.setHeader("Access-Control-Allow-Origin", "*");
            }
            if (path.file().isEmpty()) {
                launcher(req, resp, capability, path.packageId(), body);
                return;
            }
            Path file = resolve(repository.contentRoot(capability.packageId()), path.file());
            FileDelivery.send(req, resp, file, MimeTypes.of(path.file()), body);
        } catch (PlayerException e) {
            if (!resp.isCommitted()) {
                resp.reset();
                contentOrigin.secure(resp, portalOrigin);
            }
            ContentHostFilter.sendError(resp, e.status(), e.code(), e.getMessage());
        } catch (NoSuchFileException e) {
            ContentHostFilter.sendError(resp, 404, "not-found", "No such file");
        } catch (IOException e) {
            // almost always the browser going away mid-download (seeking in a video); nothing to answer
            LOG.log(Level.FINE, "Content download aborted", e);
        }
    }

    /**
     * With an isolated content origin, capability paths answer only on its host name: the portal's host serves no
     * package content at all (a SCO there would run on the portal's origin).
     */
    public static void requireContentHost(ContentOrigin origin, HttpServletRequest req) {
        if (origin.mode() == ContentOrigin.Mode.ISOLATED && !origin.isContentHost(req)) {
            throw PlayerException.notFound("Package content is served on the content origin only");
        }
    }

    /**
     * The launcher page: what it needs to know comes from the verified capability (the portal origin it may talk
     * to, where its session's run-time calls go); the rest (data model, values, the SCO's URL) the portal sends it
     * by postMessage once it has loaded.
     */
    private void launcher(HttpServletRequest req, HttpServletResponse resp, ContentCapability capability,
                          String token, boolean body) throws IOException {
        String context = req.getContextPath();
        String runtime = capability.scope() == ContentCapability.Scope.LEARNER
                ? ContentOrigin.runtimePath(context, token) : "";
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>SCO</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<style>html,body{margin:0;height:100%;overflow:hidden}"
                + "iframe{display:block;border:0;width:100%;height:100%}</style>"
                + "<script type=\"module\" src=\"" + attr(context + ContentOrigin.LAUNCHER_ASSETS
                + "scorm-launcher.js") + "\"></script></head>"
                + "<body data-portal=\"" + attr(capability.portalOrigin()) + "\" data-runtime=\"" + attr(runtime)
                + "\" data-scope=\"" + capability.scope().name().toLowerCase(java.util.Locale.ROOT)
                + "\" data-sandboxed=\"" + (contentOrigin.mode() == ContentOrigin.Mode.SANDBOX) + "\">"
                + "<iframe id=\"sco\" title=\"SCO\" allow=\"fullscreen; autoplay\" allowfullscreen></iframe>"
                + "</body></html>\n";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        if (body) {
            resp.getOutputStream().write(bytes);
        }
    }

    private static String attr(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The file under {@code root}, or 404 when it is missing, not a regular file, or (after links) outside. */
    static Path resolve(Path root, String relative) {
        return FileDelivery.file(root, relative).orElseThrow(ContentServlet::notFound);
    }

    private static PlayerException notFound() {
        return PlayerException.notFound("No such content");
    }
}
