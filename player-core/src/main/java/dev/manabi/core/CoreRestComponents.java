package dev.manabi.core;

import java.util.Set;

/** The core's own resources and the providers every SDK resource relies on (JSON, error mapping, CSRF guard). */
public final class CoreRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(JsonProvider.class, ObjectMapperResolver.class, ErrorMappers.Player.class,
                ErrorMappers.WebApplication.class, ErrorMappers.Unexpected.class, SameOriginGuard.class, MeResource.class,
                AdminLearnersResource.class, I18nResource.class, CoursesResource.class);
    }
}
