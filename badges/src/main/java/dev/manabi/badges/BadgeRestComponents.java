package dev.manabi.badges;

import dev.manabi.core.RestComponents;
import java.util.Set;

/**
 * Adds the learners' and admins' badge operations, the public Open Badges 2.0 documents, and the Open Badges 3.0
 * credentials, DID documents and status lists to the SDK's API.
 */
public final class BadgeRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(BadgesResource.class, HostedBadgesResource.class, OpenBadges3Resource.class);
    }
}
