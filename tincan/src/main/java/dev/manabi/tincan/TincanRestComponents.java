package dev.manabi.tincan;

import dev.manabi.core.RestComponents;
import java.util.Set;

/** Adds the tincan launch API ({@code /manabi/api/tincan/...}) to the SDK's application. */
public final class TincanRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(TincanResource.class);
    }
}
