package dev.manabi.core;

import dev.manabi.api.IdentityException;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.LearnerContextProvider;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the SAML attributes a Shibboleth Service Provider hands to the container (as request attributes over AJP, or
 * as headers when {@code manabi.identity.shibboleth.source=headers}; only behind a proxy that strips client-sent
 * copies of those headers).
 *
 * <p>eduPersonPrincipalName is required (without it the request is anonymous: 401) and its scope, the part after
 * '@', is the tenant id; organizationName is required as the tenant name (without it: 403). displayName falls back to
 * a neutral localized "Learner"; mail to a non-deliverable address derived from a hash of the ePPN. Shibboleth joins
 * multiple values with ';', so the first value is used. Roles come from eduPersonEntitlement values configured under
 * {@code manabi.identity.shibboleth.entitlement.*}.
 */
@ApplicationScoped
@BuiltIn("shibboleth")
class ShibbolethLearnerContextProvider implements LearnerContextProvider {

    private static final Pattern EPPN = Pattern.compile("[^@\\s;]{1,200}@[A-Za-z0-9.-]{1,120}");

    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.source", defaultValue = "attributes")
    String source;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.eppn", defaultValue = "eppn")
    String eppnName;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.organization-name", defaultValue = "organizationName")
    String organizationName;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.display-name", defaultValue = "displayName")
    String displayName;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.mail", defaultValue = "mail")
    String mail;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.preferred-language", defaultValue = "preferredLanguage")
    String preferredLanguage;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.entitlement", defaultValue = "entitlement")
    String entitlement;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.entitlement.institution-admin")
    Optional<String> institutionAdminEntitlement;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.entitlement.content-author")
    Optional<String> contentAuthorEntitlement;
    @Inject
    @ConfigProperty(name = "manabi.identity.shibboleth.entitlement.platform-admin")
    Optional<String> platformAdminEntitlement;

    @Override
    public Optional<LearnerContext> currentLearner(HttpServletRequest request) {
        Optional<String> eppn = first(request, eppnName);
        if (eppn.isEmpty()) {
            // Signed in at the IdP but ePPN withheld (an attribute release policy that omits it): answering "anonymous"
            // would send the learner round the login loop, so say what is missing (403, not 401).
            Optional<String> session = first(request, "Shib-Session-ID")
                    .or(() -> first(request, "Shib-Identity-Provider")).or(() -> first(request, organizationName));
            if (session.isPresent()) {
                throw IdentityException.incomplete("the identity provider did not release eduPersonPrincipalName;"
                        + " ask your institution to release it to this service");
            }
            return Optional.empty();
        }
        String id = eppn.get();
        if (!EPPN.matcher(id).matches()) {
            throw IdentityException.incomplete("eduPersonPrincipalName '" + id + "' is not of the form user@scope");
        }
        String org = first(request, organizationName).orElseThrow(() -> IdentityException.noTenant(
                "the identity provider did not release organizationName for " + id));
        String scope = id.substring(id.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        Optional<Locale> locale = first(request, preferredLanguage).map(Locale::forLanguageTag);
        String neutralName = UiMessages.get().text(
                locale.flatMap(UiLanguage::of).orElse(UiLanguage.EN), "learner.defaultName");
        return Optional.of(new LearnerContext(id,
                first(request, displayName).orElse(neutralName),
                first(request, mail).orElseGet(() -> PlaceholderMail.forLearner(id)),
                new Tenant(scope, org),
                roles(request),
                locale.orElse(null)));
    }

    private Set<Role> roles(HttpServletRequest request) {
        Set<Role> roles = EnumSet.of(Role.LEARNER);
        Set<String> granted = Set.copyOf(all(request, entitlement));
        institutionAdminEntitlement.filter(granted::contains).ifPresent(e -> roles.add(Role.INSTITUTION_ADMIN));
        contentAuthorEntitlement.filter(granted::contains).ifPresent(e -> roles.add(Role.CONTENT_AUTHOR));
        platformAdminEntitlement.filter(granted::contains).ifPresent(e -> roles.add(Role.PLATFORM_ADMIN));
        return roles;
    }

    private Optional<String> first(HttpServletRequest request, String name) {
        return all(request, name).stream().findFirst();
    }

    private java.util.List<String> all(HttpServletRequest request, String name) {
        Object raw = "headers".equalsIgnoreCase(source) ? request.getHeader(name) : request.getAttribute(name);
        if (raw == null) {
            return java.util.List.of();
        }
        return Arrays.stream(raw.toString().split(";")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
