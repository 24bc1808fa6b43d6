package dev.manabi.i18n;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the UI language for a learner, by the steps of {@link LanguageRule} ({@code language-rule.json}):
 *
 * <ol>
 *   <li>the learner's explicit choice (remembered by the player's language menu);</li>
 *   <li>the locale the host supplies for the learner;</li>
 *   <li>the browser's Accept-Language, RFC 4647 section 3.4 lookup, limited to the languages the open course offers
 *       (its title, its language variants, its multilingual components); with no course open, any UI language;</li>
 *   <li>the course's default language, so a course offered in none of the learner's languages opens in its own;</li>
 *   <li>the configured default ({@code manabi.language.default}).</li>
 * </ol>
 *
 * The explicit choice and the host's locale are not limited to the offered languages: they say which language the
 * learner's UI chrome must be in, and content then falls back by {@link LocalizedText} (README "Languages").
 * Unsupported or malformed values at any step are skipped, never fatal, because they come from browsers, hosts and
 * content packages we do not control.
 */
public final class LanguageNegotiator {

    private final UiLanguage fallback;

    public LanguageNegotiator(UiLanguage fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * What is known about one request; every part may be null. {@code offered} holds the language tags the open
     * course is offered in (any spelling: {@code zh-TW} counts as zh-Hant); null when no course is open.
     */
    public record Inputs(String explicitChoice, Locale hostLocale, String acceptLanguage, Set<String> offered,
                         String courseDefault) {

        /** Outside a course: no offered languages and no course default. */
        public static Inputs outsideCourse(String explicitChoice, Locale hostLocale, String acceptLanguage) {
            return new Inputs(explicitChoice, hostLocale, acceptLanguage, null, null);
        }
    }

    public UiLanguage negotiate(Inputs in) {
        for (LanguageRule.Step step : LanguageRule.get().steps()) {
            Optional<UiLanguage> found = switch (step) {
                case EXPLICIT_CHOICE -> UiLanguage.ofTag(in.explicitChoice());
                case HOST_LOCALE -> UiLanguage.of(in.hostLocale());
                case BROWSER_AMONG_OFFERED -> fromAcceptLanguage(in.acceptLanguage(), offeredUiLanguages(in.offered()));
                case COURSE_DEFAULT -> UiLanguage.ofTag(in.courseDefault());
                case CONFIGURED_DEFAULT -> Optional.of(fallback);
            };
            if (found.isPresent()) {
                return found.get();
            }
        }
        return fallback;
    }

    /** The UI languages among a course's offered tags; null (no course) stays null and means "all of them". */
    private static Set<UiLanguage> offeredUiLanguages(Set<String> offered) {
        if (offered == null) {
            return null;
        }
        Set<UiLanguage> result = EnumSet.noneOf(UiLanguage.class);
        offered.forEach(tag -> UiLanguage.ofTag(tag).ifPresent(result::add));
        return result;
    }

    /** RFC 4647 lookup over the whole Accept-Language list (no course open). */
    public static Optional<UiLanguage> fromAcceptLanguage(String header) {
        return fromAcceptLanguage(header, null);
    }

    /**
     * RFC 4647 lookup over the Accept-Language priority list. Chinese ranges are resolved by script or region first,
     * because plain lookup would truncate {@code zh-TW} to {@code zh} and hand Taiwanese readers Simplified text.
     * With {@code among} given, ranges naming another language are passed over (the course does not offer it).
     */
    public static Optional<UiLanguage> fromAcceptLanguage(String header, Set<UiLanguage> among) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException malformed) {
            ranges = parseEntryByEntry(header);
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0 || range.getRange().equals("*")) {
                continue;
            }
            Optional<UiLanguage> match = UiLanguage.ofTag(range.getRange());
            if (match.isPresent() && (among == null || among.contains(match.get()))) {
                return match;
            }
        }
        return Optional.empty();
    }

    /** One bad entry ("en;q=x") must not discard the learner's other, well-formed preferences. */
    private static List<Locale.LanguageRange> parseEntryByEntry(String header) {
        List<Locale.LanguageRange> ranges = new ArrayList<>();
        for (String entry : header.split(",")) {
            try {
                ranges.addAll(Locale.LanguageRange.parse(entry.trim()));
            } catch (IllegalArgumentException malformed) {
                // skipped: see the class comment
            }
        }
        ranges.sort(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed());
        return ranges;
    }
}
