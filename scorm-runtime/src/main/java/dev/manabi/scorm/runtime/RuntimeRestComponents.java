package dev.manabi.scorm.runtime;

import dev.manabi.core.RestComponents;
import java.util.Set;

/** The run-time's REST resources, added to the SDK's JAX-RS application. */
public final class RuntimeRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(ScormRuntimeResource.class, CourseProgressResource.class);
    }
}
