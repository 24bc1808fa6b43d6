package dev.manabi.core;

import java.util.Set;

/**
 * How an SDK module adds its JAX-RS resources and providers to the SDK's own application.
 *
 * <p>Listed in {@code META-INF/services/dev.manabi.core.RestComponents}. The SDK's {@link ManabiApplication} returns
 * exactly these classes from {@code getClasses()}, so the container never scans the host's resources into the SDK's
 * path (JAX-RS 3.1 section 2.3.2: a non-empty {@code getClasses()} disables scanning for that application).
 */
public interface RestComponents {

    Set<Class<?>> classes();
}
