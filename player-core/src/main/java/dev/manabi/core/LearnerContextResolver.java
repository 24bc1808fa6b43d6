package dev.manabi.core;

import dev.manabi.api.LearnerContextProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Picks the provider that answers "who is this": a host's own unqualified bean if there is exactly one, else the
 * built-in named by {@code manabi.identity.provider} ({@code container}, the default, or {@code shibboleth}).
 */
@ApplicationScoped
class LearnerContextResolver {

    @Inject
    @Any
    Instance<LearnerContextProvider> providers;

    @Inject
    @ConfigProperty(name = "manabi.identity.provider", defaultValue = "container")
    String builtInName;

    private volatile LearnerContextProvider chosen;

    LearnerContextProvider provider() {
        LearnerContextProvider p = chosen;
        if (p == null) {
            p = choose();
            chosen = p;
        }
        return p;
    }

    private LearnerContextProvider choose() {
        Instance<LearnerContextProvider> host = providers.select(Default.Literal.INSTANCE);
        if (host.isAmbiguous()) {
            throw new IllegalStateException("The host declares more than one LearnerContextProvider bean; keep one");
        }
        if (host.isResolvable()) {
            return host.get();
        }
        Instance<LearnerContextProvider> builtIn = providers.select(new BuiltIn.Literal(builtInName));
        if (!builtIn.isResolvable()) {
            throw new IllegalStateException("manabi.identity.provider=" + builtInName
                    + " names no provider; use 'container' or 'shibboleth', or declare your own bean");
        }
        return builtIn.get();
    }
}
