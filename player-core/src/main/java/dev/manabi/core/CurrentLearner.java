package dev.manabi.core;

import dev.manabi.api.IdentityException;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.LearnerContextProvider;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;

/** The learner of the current request, resolved once per request. SDK resources start every call here. */
@RequestScoped
public class CurrentLearner {

    @Inject
    HttpServletRequest request;

    @Inject
    LearnerContextResolver resolver;

    @Inject
    LearnerDirectory directory;

    private Optional<LearnerContext> resolved;

    /** The learner, or empty for an anonymous request. Throws 403 for an identity without a tenant. */
    public Optional<LearnerContext> optional() {
        if (resolved == null) {
            LearnerContextProvider provider;
            try {
                provider = resolver.provider();
            } catch (IllegalStateException misconfigured) {
                throw new PlayerException(503, "identity-provider-misconfigured", misconfigured.getMessage());
            }
            try {
                resolved = provider.currentLearner(request);
            } catch (IllegalArgumentException | NullPointerException unusable) {
                // A provider handing over, say, a 300-character tenant claim is a host identity problem the user
                // must hear about (403 JSON), not a server error.
                throw IdentityException.incomplete("The host supplied an unusable identity: " + unusable.getMessage());
            }
            resolved.ifPresent(directory::remember);
        }
        return resolved;
    }

    /** The learner; 401 when anonymous. */
    public LearnerContext require() {
        return optional().orElseThrow(PlayerException::unauthenticated);
    }

    /** The learner if they hold at least one of {@code anyOf}; 401 when anonymous, 403 otherwise. */
    public LearnerContext requireAny(Role... anyOf) {
        LearnerContext learner = require();
        if (Arrays.stream(anyOf).noneMatch(learner::hasRole)) {
            throw PlayerException.forbidden("This needs one of the roles " + Arrays.toString(anyOf));
        }
        return learner;
    }
}
