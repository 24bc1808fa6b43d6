package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.i18n.LanguageNegotiator;
import dev.manabi.i18n.UiLanguage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The UI language of a learner for a request, by the rule of {@link LanguageNegotiator} ({@code language-rule.json}):
 * their remembered explicit choice, the host's locale, Accept-Language among the languages the open course offers,
 * the course's default language, {@code manabi.language.default}.
 */
@ApplicationScoped
class UiLanguages {

    @Inject
    LearnerDirectory directory;

    @Inject
    OfferedLanguages offered;

    @Inject
    @ConfigProperty(name = "manabi.language.default", defaultValue = "en")
    String defaultLanguage;

    /** The learner's language in {@code course}. */
    public UiLanguage negotiate(LearnerContext learner, Course course, String acceptLanguage) {
        return negotiate(learner, directory.uiLanguage(learner).orElse(null), course,
                course == null ? null : offered.of(course), acceptLanguage);
    }

    /**
     * The learner's language in {@code course} (null: outside any course) with their choice and the course's
     * {@link OfferedLanguages offered languages} already read.
     */
    UiLanguage negotiate(LearnerContext learner, String chosen, Course course, java.util.Set<String> offeredTags,
                         String acceptLanguage) {
        LanguageNegotiator negotiator = new LanguageNegotiator(UiLanguage.ofTag(defaultLanguage).orElse(UiLanguage.EN));
        return negotiator.negotiate(course == null
                ? LanguageNegotiator.Inputs.outsideCourse(chosen, learner.preferredLocale(), acceptLanguage)
                : new LanguageNegotiator.Inputs(chosen, learner.preferredLocale(), acceptLanguage,
                        offeredTags, course.defaultLanguage()));
    }
}
