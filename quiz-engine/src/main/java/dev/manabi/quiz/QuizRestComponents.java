package dev.manabi.quiz;

import dev.manabi.core.RestComponents;
import java.util.Set;

/** The quiz engine's resources in the SDK's JAX-RS application. */
public final class QuizRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(QuizzesResource.class);
    }
}
