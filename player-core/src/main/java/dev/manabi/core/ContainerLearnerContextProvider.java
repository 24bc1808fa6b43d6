package dev.manabi.core;

import dev.manabi.api.IdentityException;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.LearnerContextProvider;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The default provider: the container's authenticated principal and its roles.
 *
 * <p>Roles are tested with {@link HttpServletRequest#isUserInRole} under names set by {@code manabi.identity.role.*}.
 * The tenant comes from a claim of a token principal (MicroProfile JWT or any principal with {@code getClaim}), else
 * from {@code manabi.identity.tenant.id}/{@code .name} for hosts that serve a single institution. Without either the
 * request is refused with 403, never given some default tenant's data.
 */
@ApplicationScoped
@BuiltIn("container")
class ContainerLearnerContextProvider implements LearnerContextProvider {

    @Inject
    @ConfigProperty(name = "manabi.identity.role.institution-admin", defaultValue = "institution-admin")
    String institutionAdminRole;
    @Inject
    @ConfigProperty(name = "manabi.identity.role.content-author", defaultValue = "content-author")
    String contentAuthorRole;
    @Inject
    @ConfigProperty(name = "manabi.identity.role.platform-admin", defaultValue = "platform-admin")
    String platformAdminRole;
    @Inject
    @ConfigProperty(name = "manabi.identity.tenant.claim", defaultValue = "tenant")
    String tenantClaim;
    @Inject
    @ConfigProperty(name = "manabi.identity.tenant.id")
    Optional<String> fixedTenantId;
    @Inject
    @ConfigProperty(name = "manabi.identity.tenant.name")
    Optional<String> fixedTenantName;

    @Override
    public Optional<LearnerContext> currentLearner(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
            return Optional.empty();
        }
        String tenantId = claim(principal, tenantClaim).or(() -> fixedTenantId).orElseThrow(
                () -> IdentityException.noTenant("the principal has no '" + tenantClaim
                        + "' claim and manabi.identity.tenant.id is not set"));
        String tenantName = claim(principal, tenantClaim + "_name").or(() -> fixedTenantName).orElse(tenantId);
        String learnerId = principal.getName();
        return Optional.of(new LearnerContext(learnerId,
                claim(principal, "name").orElse(learnerId),
                claim(principal, "email").orElseGet(() -> PlaceholderMail.forLearner(learnerId)),
                new Tenant(tenantId, tenantName),
                roles(request),
                claim(principal, "locale").map(Locale::forLanguageTag).orElse(null)));
    }

    private Set<Role> roles(HttpServletRequest request) {
        // Everyone the host authenticates may learn; the other roles must be granted by the host.
        Set<Role> roles = EnumSet.of(Role.LEARNER);
        if (request.isUserInRole(institutionAdminRole)) {
            roles.add(Role.INSTITUTION_ADMIN);
        }
        if (request.isUserInRole(contentAuthorRole)) {
            roles.add(Role.CONTENT_AUTHOR);
        }
        if (request.isUserInRole(platformAdminRole)) {
            roles.add(Role.PLATFORM_ADMIN);
        }
        return roles;
    }

    /** Reads a token claim without linking to the MicroProfile JWT API, which a host may not have enabled. */
    static Optional<String> claim(Principal principal, String name) {
        try {
            Method getClaim = principal.getClass().getMethod("getClaim", String.class);
            Object value = getClaim.invoke(principal, name);
            if (value == null) {
                return Optional.empty();
            }
            String text = value.toString();
            if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
                text = text.substring(1, text.length() - 1); // a JSON-P JsonString prints with quotes
            }
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        } catch (NoSuchMethodException notATokenPrincipal) {
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
