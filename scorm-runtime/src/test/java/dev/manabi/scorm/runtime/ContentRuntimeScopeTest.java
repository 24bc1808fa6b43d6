package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.manabi.api.PlayerException;
import dev.manabi.core.ContentCapability;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A content-origin capability commits exactly its own session, as its own learner, and a preview commits nothing. */
class ContentRuntimeScopeTest {

    private static final ContentCapability LEARNER = new ContentCapability(ContentCapability.Scope.LEARNER, "pkg",
            "univ-a", "alice", "att-1", "SCO-1", "sess-1", "http://localhost:9080", Instant.EPOCH);

    @Test
    void onlyTheCapabilitysOwnSessionCommits() {
        ScormRuntime.Commit own = new ScormRuntime.Commit("sess-1", 1, List.of(), false);
        assertThat(ContentRuntimeServlet.requireOwnSession(LEARNER, own)).isSameAs(own);
        for (ScormRuntime.Commit other : new ScormRuntime.Commit[] {
            new ScormRuntime.Commit("sess-2", 1, List.of(), false), new ScormRuntime.Commit(null, 1, null, true),
            null}) {
            PlayerException e = catchThrowableOfType(() -> ContentRuntimeServlet.requireOwnSession(LEARNER, other),
                    PlayerException.class);
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("content-capability-scope");
        }
        ContentCapability preview = new ContentCapability(ContentCapability.Scope.PREVIEW, "pkg", "univ-a", "author",
                null, "SCO-1", "preview", "http://localhost:9080", Instant.EPOCH);
        assertThat(catchThrowableOfType(() -> ContentRuntimeServlet.requireOwnSession(preview,
                new ScormRuntime.Commit("preview", 1, List.of(), false)), PlayerException.class).code())
                .isEqualTo("content-capability-scope");
    }

    @Test
    void theLearnerIsTheCapabilitysTenantAndIdWithNoRoles() {
        var learner = ContentRuntimeServlet.learner(LEARNER);
        assertThat(learner.learnerId()).isEqualTo("alice");
        assertThat(learner.tenant().id()).isEqualTo("univ-a");
        assertThat(learner.roles()).isEmpty();
    }
}
