package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.i18n.UiLanguage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "learner")
public class MeResource {

    @Inject
    CurrentLearner current;

    @Inject
    LearnerDirectory directory;

    @Inject
    UiLanguages languages;

    public record TenantView(String id, String name) {
    }

    /** The learner as the host described them, plus the UI language the player will use for them. */
    public record MeView(String learnerId, String displayName, String mail, TenantView tenant, List<String> roles,
                         String locale, String language, String chosenLanguage, String audioPreference) {
    }

    /** {@code on} or {@code off} (cmi5 section 11.2 audioPreference). */
    public record AudioChoice(String audioPreference) {
    }

    public record LanguageChoice(String language) {
    }

    @GET
    @Operation(summary = "The current learner's context (401 when anonymous, 403 without an institution)")
    public MeView me(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        LearnerContext learner = current.require();
        String chosen = directory.uiLanguage(learner).orElse(null);
        UiLanguage language = languages.negotiate(learner, chosen, null, null, acceptLanguage);
        return new MeView(learner.learnerId(), learner.displayName(), learner.mail(),
                new TenantView(learner.tenant().id(), learner.tenant().name()),
                learner.roles().stream().sorted().map(MeResource::roleName).toList(),
                learner.locale().map(Locale::toLanguageTag).orElse(null), language.tag(), chosen,
                directory.audioPreference(learner.tenant().id(), learner.learnerId()).orElse(null));
    }

    @PUT
    @Path("/language")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remember the learner's explicit UI language choice (ja, en, zh-Hans, zh-Hant, ko)")
    public MeView chooseLanguage(LanguageChoice choice, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        LearnerContext learner = current.require();
        if (choice == null || choice.language() == null) {
            throw PlayerException.badRequest("language-required", "Give {\"language\": one of " + UiLanguage.tags() + "}");
        }
        UiLanguage language = UiLanguage.tags().contains(choice.language())
                ? UiLanguage.ofTag(choice.language()).orElseThrow()
                : null;
        if (language == null) {
            throw PlayerException.badRequest("unsupported-language",
                    "Unsupported language '" + choice.language() + "'; use one of " + UiLanguage.tags());
        }
        directory.setUiLanguage(learner, language.tag());
        return me(accept);
    }

    @DELETE
    @Path("/language")
    @Operation(summary = "Forget the explicit UI language choice; the language is negotiated again")
    public MeView forgetLanguage(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        directory.setUiLanguage(current.require(), null);
        return me(accept);
    }

    @PUT
    @Path("/audio-preference")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remember whether content should start with audio on or off (cmi5 audioPreference)")
    public MeView chooseAudio(AudioChoice choice, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        LearnerContext learner = current.require();
        if (choice == null || !LearnerDirectory.AUDIO_PREFERENCES.contains(choice.audioPreference())) {
            throw PlayerException.badRequest("audio-preference-invalid",
                    "Give {\"audioPreference\": \"on\" or \"off\"}; DELETE forgets the preference");
        }
        directory.setAudioPreference(learner, choice.audioPreference());
        return me(accept);
    }

    @DELETE
    @Path("/audio-preference")
    @Operation(summary = "Forget the audio preference; content uses its own default")
    public MeView forgetAudio(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        directory.setAudioPreference(current.require(), null);
        return me(accept);
    }

    static String roleName(Role role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
