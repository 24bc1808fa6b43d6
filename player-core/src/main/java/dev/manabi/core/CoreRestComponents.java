package dev.manabi.core;

import java.util.Set;

/**
 * The core's own resources and the providers every SDK resource relies on (JSON, error mapping, CSRF guard).
 *
 * <p>The providers deliberately carry no {@code @Provider}: a host application whose {@code getClasses()} is empty
 * gets every annotated provider in {@code WEB-INF/lib} (JAX-RS 3.1 section 2.3.2), and the SDK's catch-all error
 * mapper, Jackson binding and origin check must not change how the host's own resources behave. Listing them here
 * registers them with the SDK's application only.
 */
public final class CoreRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(JsonProvider.class, ObjectMapperResolver.class, ErrorMappers.Player.class,
                ErrorMappers.WebApplication.class, ErrorMappers.Unexpected.class, SameOriginGuard.class, MeResource.class,
                AdminLearnersResource.class, AdminTenantsResource.class, I18nResource.class, CoursesResource.class,
                MyCoursesResource.class, RecordsResource.class, MyDataResource.class, AuditResource.class,
                ErasureResource.class, RetentionResource.class);
    }
}
