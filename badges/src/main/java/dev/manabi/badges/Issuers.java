package dev.manabi.badges;

import java.util.Optional;
import java.util.function.Function;

/**
 * Who issues a course's badges (README "Badges"): the institution owning the course, or the platform for global
 * courses. Their Open Badges Profile comes from configuration: {@code manabi.badges.issuer.<tenant id>.name},
 * {@code .url}, {@code .email}, and {@code manabi.badges.issuer.platform.*} for the platform. Without a name the
 * tenant id is shown; without a URL the Profile points to the installation's public API base (OB 2.0 "Profile":
 * {@code url} is required of issuers).
 */
final class Issuers {

    /** The issuer id of global courses' badges. Never a tenant id: tenants are institutions. */
    static final String PLATFORM = "platform";

    /** An issuer's Profile data. */
    record Issuer(String id, String name, Optional<String> url, Optional<String> email) {
    }

    private final Function<String, Optional<String>> config;

    /** @param config a configuration lookup (MicroProfile Config in a server) */
    Issuers(Function<String, Optional<String>> config) {
        this.config = config;
    }

    Issuer issuer(String issuerId) {
        String prefix = "manabi.badges.issuer." + issuerId + ".";
        return new Issuer(issuerId, config.apply(prefix + "name").filter(s -> !s.isBlank()).orElse(
                issuerId.equals(PLATFORM) ? "Manabi Player" : issuerId),
                config.apply(prefix + "url").filter(s -> !s.isBlank()),
                config.apply(prefix + "email").filter(s -> !s.isBlank()));
    }
}
