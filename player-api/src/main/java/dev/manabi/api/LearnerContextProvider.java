package dev.manabi.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Tells the player who the current learner is. This is the one thing every host must answer.
 *
 * <p>The SDK ships two providers: one reading the container principal and roles (the default) and one reading
 * Shibboleth SAML attributes ({@code manabi.identity.provider=shibboleth}). A host replaces both by declaring its own
 * CDI bean implementing this interface (any normal scope, default qualifier).
 *
 * <p>Implementations must be thread-safe and cheap: they run on every API request.
 */
public interface LearnerContextProvider {

    /**
     * @return the learner behind this request, or empty when the request is anonymous (the API answers 401)
     * @throws IdentityException when the request is authenticated but cannot be tied to a usable learner, e.g. it
     *                           carries no institution (the API answers 403 with the exception's reason)
     */
    Optional<LearnerContext> currentLearner(HttpServletRequest request);
}
