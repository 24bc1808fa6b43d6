package dev.manabi.scorm.delivery;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.CurrentLearner;
import dev.manabi.scorm.pkg.PackageRepository;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the files of imported packages at {@code /manabi/content/{packageId}/{path}}, only to people allowed to see
 * the package's course ({@link CourseCatalog#requireVisible}: learners of other tenants get 404, so not even the
 * package's existence leaks; members of the owning tenant, authors previewing included, and platform admins pass).
 *
 * <p>HTTP: GET and HEAD; single byte ranges (RFC 9110 14.2, 206/416) for seeking in video; strong ETag and
 * Last-Modified validators with {@code If-None-Match}/{@code If-Modified-Since} (304) and {@code If-Range}; a
 * private cache lifetime (package versions never change, but access to them may); {@code nosniff} with an own MIME
 * table; no directory listings; paths that could leave the package are refused before touching the disk and the
 * resolved file is checked once more to lie under the package root.
 */
@WebServlet(name = "ManabiScormContent", urlPatterns = "/manabi/content/*")
public class ContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContentServlet.class.getName());
    static final String CACHE_CONTROL = "private, max-age=3600";

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
            send(req, resp, file, body);
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
    static Path resolve(Path root, String relative) throws IOException {
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root) || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound();
        }
        if (!candidate.toRealPath().startsWith(root.toRealPath())) {
            throw notFound();
        }
        return candidate;
    }

    static void send(HttpServletRequest req, HttpServletResponse resp, Path file, boolean body) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        long length = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis() / 1000 * 1000; // HTTP dates have second precision
        String etag = "\"" + Long.toHexString(length) + "-" + Long.toHexString(modified) + "\"";
        resp.setHeader("ETag", etag);
        resp.setDateHeader("Last-Modified", modified);
        resp.setHeader("Cache-Control", CACHE_CONTROL);
        resp.setHeader("Accept-Ranges", "bytes");
        if (notModified(req, etag, modified)) {
            resp.setStatus(304);
            return;
        }
        resp.setContentType(MimeTypes.of(file.getFileName().toString()));
        ByteRange.Request range = ByteRange.parse(req.getHeader("Range"), length);
        if (range.outcome() != ByteRange.Outcome.FULL && !ifRangeHolds(req, etag, modified)) {
            range = new ByteRange.Request(ByteRange.Outcome.FULL, java.util.Optional.empty());
        }
        switch (range.outcome()) {
            case UNSATISFIABLE -> {
                resp.setStatus(416);
                resp.setHeader("Content-Range", "bytes */" + length);
                resp.setContentLengthLong(0);
            }
            case PARTIAL -> {
                ByteRange r = range.range().orElseThrow();
                resp.setStatus(206);
                resp.setHeader("Content-Range", r.contentRange(length));
                resp.setContentLengthLong(r.length());
                if (body) {
                    copy(file, r.first(), r.length(), resp.getOutputStream());
                }
            }
            default -> {
                resp.setStatus(200);
                resp.setContentLengthLong(length);
                if (body) {
                    copy(file, 0, length, resp.getOutputStream());
                }
            }
        }
    }

    /** RFC 9110 13.1.2 / 13.1.3: If-None-Match wins over If-Modified-Since. */
    static boolean notModified(HttpServletRequest req, String etag, long modified) {
        String ifNoneMatch = req.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        try {
            long since = req.getDateHeader("If-Modified-Since");
            return since >= 0 && modified <= since;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** RFC 9110 13.1.5: a range applies only if If-Range (when present) still names this representation. */
    static boolean ifRangeHolds(HttpServletRequest req, String etag, long modified) {
        String ifRange = req.getHeader("If-Range");
        if (ifRange == null) {
            return true;
        }
        if (ifRange.strip().startsWith("\"")) {
            return ifRange.strip().equals(etag);
        }
        try {
            return req.getDateHeader("If-Range") == modified;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static void copy(Path file, long from, long count, OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(ch.position(from))) {
            byte[] buffer = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
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
