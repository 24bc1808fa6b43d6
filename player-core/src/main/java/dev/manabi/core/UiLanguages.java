package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.i18n.LanguageNegotiator;
import dev.manabi.i18n.UiLanguage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The UI language of a learner for a request: their remembered explicit choice, then the host's locale, then the
 * course's default language (when a course is open), then Accept-Language, then {@code manabi.language.default}.
 */
@ApplicationScoped
class UiLanguages {

    @Inject
    LearnerDirectory directory;

    @Inject
    @ConfigProperty(name = "manabi.language.default", defaultValue = "en")
    String defaultLanguage;

    public UiLanguage negotiate(LearnerContext learner, String courseDefault, String acceptLanguage) {
        return negotiate(learner, directory.uiLanguage(learner).orElse(null), courseDefault, acceptLanguage);
    }

    UiLanguage negotiate(LearnerContext learner, String chosen, String courseDefault, String acceptLanguage) {
        LanguageNegotiator negotiator = new LanguageNegotiator(UiLanguage.ofTag(defaultLanguage).orElse(UiLanguage.EN));
        return negotiator.negotiate(new LanguageNegotiator.Inputs(chosen, learner.preferredLocale(), courseDefault,
                acceptLanguage));
    }
}
