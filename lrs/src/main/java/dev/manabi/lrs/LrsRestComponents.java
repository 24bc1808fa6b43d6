package dev.manabi.lrs;

import dev.manabi.core.RestComponents;
import java.util.Set;

/**
 * Adds the credential administration ({@code /manabi/api/lrs/credentials}) to the SDK's application, where the
 * host's signed-in admins are known. The xAPI resources themselves live in {@link LrsApplication}.
 */
public final class LrsRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(CredentialsResource.class);
    }
}
