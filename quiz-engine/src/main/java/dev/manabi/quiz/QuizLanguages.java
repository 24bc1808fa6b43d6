package dev.manabi.quiz;

import dev.manabi.api.ComponentLanguages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** A quiz counts among a course's offered languages in every language its title or description is written in. */
@ApplicationScoped
public class QuizLanguages implements ComponentLanguages {

    @Inject
    QuizEngine engine;

    @Override
    public String kind() {
        return QuizEngine.KIND;
    }

    @Override
    public Map<String, Set<String>> languagesOf(Collection<String> refs) {
        return engine.service().languagesOf(refs);
    }
}
