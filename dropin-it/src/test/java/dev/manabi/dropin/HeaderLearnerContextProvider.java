package dev.manabi.dropin;

import dev.manabi.api.IdentityException;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.LearnerContextProvider;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test host's identity: whatever its (trusted, test-only) front end put in X-Test-* headers. Being an
 * unqualified CDI bean is all that replaces the SDK's default provider.
 */
@ApplicationScoped
public class HeaderLearnerContextProvider implements LearnerContextProvider {

    @Override
    public Optional<LearnerContext> currentLearner(HttpServletRequest request) {
        String learner = request.getHeader("X-Test-Learner");
        if (learner == null) {
            return Optional.empty();
        }
        String tenant = request.getHeader("X-Test-Tenant");
        if (tenant == null) {
            throw IdentityException.noTenant("the test host sent no X-Test-Tenant");
        }
        String roles = Optional.ofNullable(request.getHeader("X-Test-Roles")).orElse("LEARNER");
        Set<Role> parsed = Arrays.stream(roles.split(",")).map(String::trim)
                .map(r -> Role.valueOf(r.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
        return Optional.of(new LearnerContext(learner, "Test " + learner, null,
                new Tenant(tenant, "Institution " + tenant), parsed, null));
    }
}
