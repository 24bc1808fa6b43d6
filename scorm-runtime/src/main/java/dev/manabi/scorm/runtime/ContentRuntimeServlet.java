package dev.manabi.scorm.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Tenant;
import dev.manabi.core.ApiError;
import dev.manabi.core.ContentCapability;
import dev.manabi.core.ContentOrigin;
import dev.manabi.core.Json;
import dev.manabi.scorm.delivery.ContentServlet;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The run-time calls of one launched SCO session on the content origin (README "Content origin"):
 * {@code POST /manabi/content/r/{capability}/commit}, the same commit (and Terminate) as
 * {@code POST /manabi/api/scorm/attempts/{id}/scos/{item}/commit}, with the same validation and 409/422 answers
 * ({@link ScormRuntime#commit}), but authorized by the launch's capability instead of the portal's cookie: it names
 * tenant, learner, attempt, activity and session, and a commit for any other session is refused (403
 * {@code content-capability-scope}). Bodies may be {@code application/json} or, from {@code sendBeacon},
 * {@code text/plain}.
 */
@WebServlet(name = "ManabiScormContentRuntime", urlPatterns = "/manabi/content/r/*")
public class ContentRuntimeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContentRuntimeServlet.class.getName());

    @Inject
    transient ContentOrigin contentOrigin;

    @Inject
    transient ScormRuntime runtime;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String portalOrigin = null;
        try {
            String path = req.getPathInfo();
            int slash = path == null ? -1 : path.indexOf('/', 1);
            if (slash < 0 || !path.substring(slash).equals("/commit")) {
                throw PlayerException.notFound("No such run-time call");
            }
            ContentServlet.requireContentHost(contentOrigin, req);
            ContentCapability capability = contentOrigin.capabilities().verify(path.substring(1, slash));
            portalOrigin = capability.portalOrigin();
            ScormRuntime.Commit commit = ScormRuntimeResource.parseCommit(
                    ScormRuntimeResource.readCommit(req.getInputStream(), runtime.maxCommitBytes()));
            ScormRuntimeResource.CommitView view = ScormRuntimeResource.commitView(commit(capability, commit));
            write(resp, 200, view, portalOrigin);
        } catch (PlayerException e) {
            write(resp, e.status(), new ApiError(e.status(), e.code(), e.getMessage(), e.details()), portalOrigin);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Content-origin commit failed", e);
            write(resp, 500, new ApiError(500, "internal-error", "The commit could not be processed", null),
                    portalOrigin);
        }
    }

    /** Applies a commit of the capability's own session, as the capability's learner. */
    ScoRecord commit(ContentCapability capability, ScormRuntime.Commit commit) {
        return runtime.commit(learner(capability), capability.attemptId(), capability.activityId(),
                requireOwnSession(capability, commit));
    }

    /**
     * The commit, when the capability is a learner's and the commit names the capability's session: a preview
     * stores nothing, and one launch's capability never speaks for another session of the same learner.
     */
    static ScormRuntime.Commit requireOwnSession(ContentCapability capability, ScormRuntime.Commit commit) {
        if (capability.scope() != ContentCapability.Scope.LEARNER) {
            throw new PlayerException(403, "content-capability-scope", "A preview stores nothing");
        }
        if (commit == null || commit.session() == null || !commit.session().equals(capability.sessionId())) {
            throw new PlayerException(403, "content-capability-scope", "This content link may only commit the"
                    + " session it was issued for");
        }
        return commit;
    }

    /**
     * The learner as far as the run-time needs one for a commit: tenant and id (attempt ownership, stored rows,
     * progress facts). Name, mail and roles are not in the capability and not needed.
     */
    static LearnerContext learner(ContentCapability capability) {
        return new LearnerContext(capability.learnerId(), null, null, new Tenant(capability.tenantId(), null),
                Set.of(), null);
    }

    private void write(HttpServletResponse resp, int status, Object body, String portalOrigin) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        resp.reset();
        contentOrigin.secure(resp, portalOrigin);
        if (contentOrigin.mode() == ContentOrigin.Mode.SANDBOX) {
            resp.setHeader("Access-Control-Allow-Origin", "*"); // the sandboxed launcher's origin is opaque
        }
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
