package dev.manabi.core;

import dev.manabi.api.ComponentLanguages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The languages each course is offered in (README "Languages"): {@link Course#offeredLanguages()} (default language,
 * title, language variants) and the languages its multilingual components are written in, as their modules'
 * {@link ComponentLanguages} say. Asks each module once per kind however many courses are given.
 */
@ApplicationScoped
public class OfferedLanguages {

    @Inject
    @Any
    Instance<ComponentLanguages> modules;

    /** The offered tags of one course. */
    public Set<String> of(Course course) {
        return of(List.of(course)).get(course.id());
    }

    /** The offered tags of every course, by course id. */
    public Map<String, Set<String>> of(Collection<Course> courses) {
        return of(courses, modules);
    }

    static Map<String, Set<String>> of(Collection<Course> courses, Iterable<ComponentLanguages> modules) {
        Map<String, Set<String>> refsByKind = new HashMap<>();
        for (Course course : courses) {
            for (Course.Component c : course.components()) {
                if (c.language() == null) {
                    refsByKind.computeIfAbsent(c.kind(), k -> new LinkedHashSet<>()).add(c.ref());
                }
            }
        }
        Map<String, Map<String, Set<String>>> answers = new HashMap<>();
        for (ComponentLanguages module : modules) {
            Set<String> refs = refsByKind.get(module.kind());
            if (refs != null && !answers.containsKey(module.kind())) {
                answers.put(module.kind(), module.languagesOf(refs));
            }
        }
        Map<String, Set<String>> offered = new HashMap<>();
        for (Course course : courses) {
            Set<String> tags = course.offeredLanguages();
            for (Course.Component c : course.components()) {
                if (c.language() == null) {
                    answers.getOrDefault(c.kind(), Map.of()).getOrDefault(c.ref(), Set.of()).stream()
                            .filter(tag -> !tag.equalsIgnoreCase("x-none")).forEach(tags::add);
                }
            }
            offered.put(course.id(), tags);
        }
        return offered;
    }
}
