package dev.manabi.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What one signed capability token allows on the content origin: reading the files of one package version, and for a
 * learner's SCO session, that session's run-time calls; nothing else, and only until {@code expiresAt}. The portal
 * issues it (over the viewer's cookie) for exactly one launch; the content origin checks it on every request and
 * never looks at cookies ({@link ContentCapabilities}).
 *
 * @param scope        whose launch: a learner's tracked session, or an author's untracked preview
 * @param packageId    the package version whose files may be read
 * @param tenantId     the viewer's tenant
 * @param learnerId    the viewer (the learner, or the previewing author)
 * @param attemptId    the learner's attempt; null for a preview
 * @param activityId   the launched activity (SCO or asset) of the package
 * @param sessionId    the SCO session the run-time calls must belong to ({@code preview} for a preview)
 * @param portalOrigin the portal origin that launched it: the only origin that may frame the content and talk to its
 *                     launcher
 * @param expiresAt    the end of its validity (whole seconds)
 */
public record ContentCapability(Scope scope, String packageId, String tenantId, String learnerId, String attemptId,
                                String activityId, String sessionId, String portalOrigin, Instant expiresAt) {

    /** Whose launch a capability stands for. */
    public enum Scope {
        /** A learner's tracked SCO session: files and that session's commits. */
        LEARNER,
        /** An author's preview: files only; nothing is stored. */
        PREVIEW
    }

    public ContentCapability {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(portalOrigin, "portalOrigin");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (scope == Scope.LEARNER && attemptId == null) {
            throw new IllegalArgumentException("A learner's capability names the attempt");
        }
    }
}
