package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.IdentityException;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.LearnerContextProvider;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdentityProvidersTest {

    @Nested
    class Container {

        private ContainerLearnerContextProvider provider(String fixedTenant) {
            var p = new ContainerLearnerContextProvider();
            p.institutionAdminRole = "institution-admin";
            p.contentAuthorRole = "content-author";
            p.platformAdminRole = "platform-admin";
            p.tenantClaim = "tenant";
            p.fixedTenantId = Optional.ofNullable(fixedTenant);
            p.fixedTenantName = Optional.of("Single University");
            return p;
        }

        @Test
        void anonymousIsEmpty() {
            assertThat(provider("u").currentLearner(new FakeRequest().build())).isEmpty();
        }

        @Test
        void principalRolesAndConfiguredTenant() {
            LearnerContext ctx = provider("single-u").currentLearner(
                    new FakeRequest().user("kenji").role("content-author").build()).orElseThrow();
            assertThat(ctx.learnerId()).isEqualTo("kenji");
            assertThat(ctx.tenant().id()).isEqualTo("single-u");
            assertThat(ctx.tenant().name()).isEqualTo("Single University");
            assertThat(ctx.roles()).containsExactlyInAnyOrder(Role.LEARNER, Role.CONTENT_AUTHOR);
            assertThat(ctx.mail()).endsWith("@manabi.invalid");
        }

        @Test
        void tokenClaimsWinOverConfiguration() {
            var request = new FakeRequest().build();
            var token = new TokenPrincipal("yui", Map.of("tenant", "univ-b", "tenant_name", "University B",
                    "name", "Yui", "email", "yui@b.example", "locale", "ko"));
            var withToken = new FakeRequest();
            withToken.principal = token;
            LearnerContext ctx = provider("single-u").currentLearner(withToken.build()).orElseThrow();
            assertThat(ctx.tenant().id()).isEqualTo("univ-b");
            assertThat(ctx.displayName()).isEqualTo("Yui");
            assertThat(ctx.mail()).isEqualTo("yui@b.example");
            assertThat(ctx.preferredLocale().toLanguageTag()).isEqualTo("ko");
            assertThat(request.getUserPrincipal()).isNull();
        }

        @Test
        void noTenantIsRefusedNotDefaulted() {
            assertThatThrownBy(() -> provider(null).currentLearner(new FakeRequest().user("x").build()))
                    .isInstanceOf(IdentityException.class)
                    .satisfies(e -> assertThat(((IdentityException) e).status()).isEqualTo(403));
        }
    }

    /** Mimics an MP JWT principal: a getClaim(String) method. */
    public record TokenPrincipal(String name, Map<String, Object> claims) implements java.security.Principal {
        @Override
        public String getName() {
            return name;
        }

        public Object getClaim(String claim) {
            return claims.get(claim);
        }
    }

    @Nested
    class Shibboleth {

        private ShibbolethLearnerContextProvider provider(String source) {
            var p = new ShibbolethLearnerContextProvider();
            p.source = source;
            p.eppnName = "eppn";
            p.organizationName = "organizationName";
            p.displayName = "displayName";
            p.mail = "mail";
            p.preferredLanguage = "preferredLanguage";
            p.entitlement = "entitlement";
            p.institutionAdminEntitlement = Optional.of("urn:mace:manabi:admin");
            p.contentAuthorEntitlement = Optional.empty();
            p.platformAdminEntitlement = Optional.empty();
            return p;
        }

        @Test
        void fullAttributeSet() {
            var request = new FakeRequest().attribute("eppn", "taro@Univ-A.ac.jp")
                    .attribute("organizationName", "A大学").attribute("displayName", "山田 太郎")
                    .attribute("mail", "taro@univ-a.ac.jp;taro2@univ-a.ac.jp")
                    .attribute("entitlement", "urn:x;urn:mace:manabi:admin").build();
            LearnerContext ctx = provider("attributes").currentLearner(request).orElseThrow();
            assertThat(ctx.learnerId()).isEqualTo("taro@Univ-A.ac.jp");
            assertThat(ctx.tenant().id()).isEqualTo("univ-a.ac.jp");
            assertThat(ctx.tenant().name()).isEqualTo("A大学");
            assertThat(ctx.displayName()).isEqualTo("山田 太郎");
            assertThat(ctx.mail()).isEqualTo("taro@univ-a.ac.jp");
            assertThat(ctx.roles()).containsExactlyInAnyOrder(Role.LEARNER, Role.INSTITUTION_ADMIN);
        }

        @Test
        void optionalAttributesFallBackToNeutralValues() {
            var request = new FakeRequest().header("eppn", "hana@univ-b.ac.jp")
                    .header("organizationName", "B大学").header("preferredLanguage", "ja").build();
            LearnerContext ctx = provider("headers").currentLearner(request).orElseThrow();
            assertThat(ctx.displayName()).isEqualTo("受講者");
            assertThat(ctx.mail()).matches("learner-[0-9a-f]{20}@manabi\\.invalid")
                    .isEqualTo(PlaceholderMail.forLearner("HANA@univ-b.ac.jp"))
                    .isNotEqualTo(PlaceholderMail.forLearner("hana@univ-c.ac.jp"));
            assertThat(ctx.roles()).containsExactly(Role.LEARNER);
        }

        @Test
        void noShibbolethSessionIsAnonymous() {
            assertThat(provider("attributes").currentLearner(new FakeRequest().build())).isEmpty();
        }

        @Test
        void aShibbolethSessionWithoutEppnIsIncompleteNotAnonymous() {
            for (var request : List.of(new FakeRequest().attribute("organizationName", "A大学").build(),
                    new FakeRequest().attribute("Shib-Session-ID", "_abc").build(),
                    new FakeRequest().attribute("Shib-Identity-Provider", "https://idp.univ-a.ac.jp/idp").build())) {
                assertThatThrownBy(() -> provider("attributes").currentLearner(request))
                        .isInstanceOf(IdentityException.class).hasMessageContaining("eduPersonPrincipalName")
                        .extracting("code").isEqualTo("incomplete-identity");
            }
        }

        @Test
        void missingOrganizationIsNoTenant() {
            var request = new FakeRequest().attribute("eppn", "taro@univ-a.ac.jp").build();
            assertThatThrownBy(() -> provider("attributes").currentLearner(request))
                    .isInstanceOf(IdentityException.class).extracting("code").isEqualTo("no-tenant");
        }

        @Test
        void unscopedEppnIsRefused() {
            var request = new FakeRequest().attribute("eppn", "taro").attribute("organizationName", "A").build();
            assertThatThrownBy(() -> provider("attributes").currentLearner(request))
                    .isInstanceOf(IdentityException.class).extracting("code").isEqualTo("incomplete-identity");
        }
    }

    /** What reaches the learner when the host's identity is unusable or its provider set-up is wrong. */
    @Nested
    class Resolution {

        private CurrentLearner current(Supplier<LearnerContextProvider> chosen) {
            CurrentLearner current = new CurrentLearner();
            current.request = new FakeRequest().user("someone").build();
            current.resolver = new LearnerContextResolver() {
                @Override
                LearnerContextProvider provider() {
                    return chosen.get();
                }
            };
            current.directory = new LearnerDirectory() {
                @Override
                void remember(LearnerContext learner) {
                }
            };
            return current;
        }

        @Test
        void aTenantClaimTooLongForAnyTenantIsA403NotA500() {
            var current = current(() -> request -> Optional.of(new LearnerContext("u", "U", null,
                    new Tenant("t".repeat(300), "T"), Set.of(Role.LEARNER), null)));
            assertThatThrownBy(current::optional).isInstanceOf(IdentityException.class)
                    .extracting("code").isEqualTo("incomplete-identity");
        }

        @Test
        void overlongNamesAreCutAndOverlongMailDropped() {
            var ctx = new LearnerContext("u", "名".repeat(500), "m".repeat(401) + "@x", new Tenant("t",
                    "大".repeat(500)), Set.of(), null);
            assertThat(ctx.displayName()).hasSize(LearnerContext.MAX_TEXT_LENGTH);
            assertThat(ctx.tenant().name()).hasSize(LearnerContext.MAX_TEXT_LENGTH);
            assertThat(ctx.mail()).isNull();
            assertThatThrownBy(() -> new LearnerContext("u".repeat(257), null, null, new Tenant("t",
                    null), null, null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void twoHostProvidersAnswer503WithTheReason() {
            var current = current(() -> {
                throw new IllegalStateException("The host declares more than one LearnerContextProvider bean");
            });
            assertThatThrownBy(current::optional).isInstanceOfSatisfying(PlayerException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.code()).isEqualTo("identity-provider-misconfigured");
            });
        }
    }
}
