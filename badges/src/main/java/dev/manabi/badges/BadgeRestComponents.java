package dev.manabi.badges;

import dev.manabi.core.RestComponents;
import java.util.Set;

/** Adds the learners' and admins' badge operations and the public Open Badges 2.0 documents to the SDK's API. */
public final class BadgeRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(BadgesResource.class, HostedBadgesResource.class);
    }
}
