package dev.manabi.rules;

import dev.manabi.core.RestComponents;
import java.util.Set;

/** The completion rules' resource in the SDK's JAX-RS application. */
public final class RulesRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(CompletionRulesResource.class);
    }
}
