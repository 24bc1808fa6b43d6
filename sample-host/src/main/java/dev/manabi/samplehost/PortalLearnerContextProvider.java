package dev.manabi.samplehost;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.LearnerContextProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/**
 * This host's answer to "who is this": the signed-in portal account with its institution and roles. Declaring this
 * bean is all it takes to replace the SDK's default provider.
 */
@ApplicationScoped
public class PortalLearnerContextProvider implements LearnerContextProvider {

    @Inject
    DemoDirectory directory;

    @Override
    public Optional<LearnerContext> currentLearner(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return Optional.empty();
        }
        return directory.account(principal.getName()).map(DemoDirectory.Account::learner);
    }
}
