package dev.manabi.core;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.i18n.LocalizedText;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A course in the catalog: a title, who may see it, and its parts in order. Parts are played by the module that owns
 * their {@link Component#kind()}; a part with a {@link Component#language()} is that language's variant, so one course
 * can hold e.g. four SCORM packages, one per language, while its progress stays one.
 */
public record Course(String id, String ownerTenantId, LocalizedText title, String defaultLanguage,
                     CourseVisibility visibility, Set<String> sharedWith, List<Component> components,
                     String createdBy, Instant createdAt) {

    public Course {
        sharedWith = Set.copyOf(sharedWith);
        components = List.copyOf(components);
    }

    /** One part of a course: {@code kind} names the module that plays it ({@code scorm}, {@code quiz}, {@code book}). */
    public record Component(String kind, String ref, String language) {
    }

    /**
     * The languages the course is offered in (README "Languages"): its title's tags, its language variants, and its
     * default language. Tags are as the author wrote them ({@code zh-TW}, {@code ja}); a title marked language-neutral
     * ({@code x-none}) offers none.
     */
    public Set<String> offeredLanguages() {
        Set<String> offered = new java.util.LinkedHashSet<>();
        if (defaultLanguage != null) {
            offered.add(defaultLanguage);
        }
        title.values().keySet().stream().filter(tag -> !tag.equalsIgnoreCase("x-none")).forEach(offered::add);
        components.stream().map(Component::language).filter(java.util.Objects::nonNull).forEach(offered::add);
        return offered;
    }

    public boolean visibleTo(LearnerContext learner) {
        if (learner.hasRole(Role.PLATFORM_ADMIN) || ownerTenantId.equals(learner.tenant().id())) {
            return true;
        }
        return switch (visibility) {
            case GLOBAL -> true;
            case TENANT -> false;
            case SHARED -> sharedWith.contains(learner.tenant().id());
        };
    }

    /** Authors and admins of the owning tenant, and platform admins, may change the course. */
    public boolean editableBy(LearnerContext learner) {
        if (learner.hasRole(Role.PLATFORM_ADMIN)) {
            return true;
        }
        return ownerTenantId.equals(learner.tenant().id())
                && (learner.hasRole(Role.CONTENT_AUTHOR) || learner.hasRole(Role.INSTITUTION_ADMIN));
    }
}
