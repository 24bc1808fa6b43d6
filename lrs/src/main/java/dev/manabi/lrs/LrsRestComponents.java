package dev.manabi.lrs;

import dev.manabi.core.RestComponents;
import java.util.Set;

/**
 * Adds the credential and forwarding administration ({@code /manabi/api/lrs/credentials},
 * {@code /manabi/api/lrs/forwarding}) to the SDK's application, where the host's signed-in admins are known. The xAPI resources themselves live in {@link LrsApplication}.
 */
public final class LrsRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(CredentialsResource.class, ForwardingResource.class);
    }
}
