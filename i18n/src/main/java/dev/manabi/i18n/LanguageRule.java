package dev.manabi.i18n;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The language rule as data: {@code /manabi/assets/i18n/language-rule.json}, the one file the server (this class,
 * {@link LanguageNegotiator}, {@link UiLanguage#of(Locale)}) and the browser ({@code core/i18n.js}) both read, so the
 * two sides cannot drift apart. It holds the order of the negotiation steps and how a BCP 47 locale maps to one of
 * the five UI languages (Chinese by script, else by region, else {@code defaultScript}).
 */
public final class LanguageRule {

    /** Where the rule lives inside the i18n JAR; served to browsers from {@code META-INF/resources}. */
    public static final String RESOURCE = "/META-INF/resources/manabi/assets/i18n/language-rule.json";

    /** The negotiation steps, in the order the rule file lists them. */
    public enum Step {
        EXPLICIT_CHOICE("explicit-choice"),
        HOST_LOCALE("host-locale"),
        BROWSER_AMONG_OFFERED("browser-among-offered"),
        COURSE_DEFAULT("course-default"),
        CONFIGURED_DEFAULT("configured-default");

        private final String id;

        Step(String id) {
            this.id = id;
        }

        static Step ofId(String id) {
            for (Step s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalStateException("Unknown step '" + id + "' in " + RESOURCE);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(List<String> steps, List<Entry> languages, Map<String, String> defaultScript) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String tag, String language, String script, List<String> regions) {
    }

    private static final LanguageRule INSTANCE = load();

    private final List<Step> steps;
    private final List<Entry> languages;
    private final Map<String, String> defaultScript;

    private LanguageRule(File file) {
        this.steps = file.steps().stream().map(Step::ofId).toList();
        this.languages = List.copyOf(file.languages());
        this.defaultScript = file.defaultScript() == null ? Map.of() : Map.copyOf(file.defaultScript());
        if (steps.isEmpty() || steps.get(steps.size() - 1) != Step.CONFIGURED_DEFAULT) {
            throw new IllegalStateException(RESOURCE + " must end with configured-default, so a language is always found");
        }
    }

    public static LanguageRule get() {
        return INSTANCE;
    }

    public List<Step> steps() {
        return steps;
    }

    /**
     * The UI language tag serving {@code locale}: the entry with the locale's language and script; without a script,
     * the entry listing the locale's region; else the language's {@code defaultScript}; else the script-less entry.
     */
    Optional<String> uiTagOf(Locale locale) {
        String language = locale.getLanguage();
        List<Entry> candidates = languages.stream().filter(e -> e.language().equals(language)).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String script = locale.getScript();
        if (script.isEmpty()) {
            script = candidates.stream()
                    .filter(e -> e.regions() != null && e.regions().contains(locale.getCountry()))
                    .map(Entry::script).findFirst()
                    .orElse(defaultScript.get(language));
        }
        for (Entry e : candidates) {
            if (e.script() == null || e.script().equals(script)) {
                return Optional.of(e.tag());
            }
        }
        return Optional.empty();
    }

    private static LanguageRule load() {
        try (InputStream in = LanguageRule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the i18n JAR");
            }
            return new LanguageRule(new ObjectMapper().readValue(in, File.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
