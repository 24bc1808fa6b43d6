package dev.manabi.scorm.delivery;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.CurrentLearner;
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
 * Serves the files of imported packages at {@code /manabi/content/{packageId}/{path}}, only to people allowed to see
 * the package's course ({@link CourseCatalog#requireVisible}: learners of other tenants get 404, so not even the
 * package's existence leaks; members of the owning tenant, authors previewing included, and platform admins pass).
 *
 * <p>HTTP (GET and HEAD) is {@link FileDelivery}'s: single byte ranges (206/416) for seeking in video, strong ETag
 * and Last-Modified validators (304, {@code If-Range}), a private cache lifetime (package versions never change, but
 * access to them may) and {@code nosniff} with the platform's {@link MimeTypes} table. Here: no directory listings;
 * paths that could leave the package are refused before touching the disk ({@link ContentPath}) and the resolved
 * file is checked once more to lie under the package root.
 */
@WebServlet(name = "ManabiScormContent", urlPatterns = "/manabi/content/*")
public class ContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContentServlet.class.getName());

    @Inject
    transient CurrentLearner current;

    @Inject
    transient PackageRepository repository;

    @Inject
    transient CourseCatalog catalog;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body) throws IOException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        try {
            ContentPath path = ContentPath.parse(req.getPathInfo()).orElseThrow(ContentServlet::notFound);
            LearnerContext learner = current.require();
            String courseId = repository.courseIdOf(path.packageId()).orElseThrow(ContentServlet::notFound);
            catalog.requireVisible(courseId, learner);
            Path file = resolve(repository.contentRoot(path.packageId()), path.file());
            FileDelivery.send(req, resp, file, MimeTypes.of(path.file()), body);
        } catch (PlayerException e) {
            error(resp, e.status(), e.code(), e.getMessage());
        } catch (NoSuchFileException e) {
            error(resp, 404, "not-found", "No such file");
        } catch (IOException e) {
            // almost always the browser going away mid-download (seeking in a video); nothing to answer
            LOG.log(Level.FINE, "Content download aborted", e);
        }
    }

    /** The file under {@code root}, or 404 when it is missing, not a regular file, or (after links) outside. */
    static Path resolve(Path root, String relative) {
        return FileDelivery.file(root, relative).orElseThrow(ContentServlet::notFound);
    }

    private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.reset();
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        String json = "{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static PlayerException notFound() {
        return PlayerException.notFound("No such content");
    }
}
