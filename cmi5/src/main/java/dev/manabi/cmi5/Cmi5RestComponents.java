package dev.manabi.cmi5;

import dev.manabi.core.RestComponents;
import java.util.Set;

/** Adds the cmi5 launch API ({@code /manabi/api/cmi5/...}) to the SDK's application. */
public final class Cmi5RestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(Cmi5Resource.class);
    }
}
