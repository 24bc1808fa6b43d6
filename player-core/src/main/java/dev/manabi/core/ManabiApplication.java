package dev.manabi.core;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The SDK's JAX-RS application. A host moves it elsewhere with a servlet mapping named after this class in its
 * web.xml (JAX-RS 3.1 section 2.3.2) and gives the new path to the web components in their {@code api} attribute.
 */
@ApplicationPath("/manabi/api")
@OpenAPIDefinition(info = @Info(title = "Manabi Player API", version = "0.1",
        description = "Course playback, progress, quizzes and administration for embedded Manabi Player."))
public class ManabiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>();
        ServiceLoader.load(RestComponents.class, ManabiApplication.class.getClassLoader())
                .forEach(module -> classes.addAll(module.classes()));
        return classes;
    }
}
