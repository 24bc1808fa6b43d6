package dev.manabi.scorm.pkg;

import dev.manabi.core.RestComponents;
import java.util.Set;

/** The package import and inspection resources (listed in META-INF/services/dev.manabi.core.RestComponents). */
public final class PackageRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(PackagesResource.class);
    }
}
