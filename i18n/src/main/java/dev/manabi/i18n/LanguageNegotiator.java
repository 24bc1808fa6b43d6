package dev.manabi.i18n;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the UI language for a request.
 *
 * <p>Order (first that names a supported language wins): the learner's explicit choice, the locale the host supplies,
 * the course's default language, the browser's Accept-Language header matched with RFC 4647 section 3.4 lookup, and
 * finally the configured default. Unsupported or malformed values at any step are skipped, never fatal, because they
 * come from browsers, hosts and content packages we do not control.
 */
public final class LanguageNegotiator {

    private final UiLanguage fallback;

    public LanguageNegotiator(UiLanguage fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** What is known about one request; every part may be null. */
    public record Inputs(String explicitChoice, Locale hostLocale, String courseDefault, String acceptLanguage) {
    }

    public UiLanguage negotiate(Inputs in) {
        return UiLanguage.ofTag(in.explicitChoice())
                .or(() -> UiLanguage.of(in.hostLocale()))
                .or(() -> UiLanguage.ofTag(in.courseDefault()))
                .or(() -> fromAcceptLanguage(in.acceptLanguage()))
                .orElse(fallback);
    }

    /**
     * RFC 4647 lookup over the Accept-Language priority list. Chinese ranges are resolved by script or region first,
     * because plain lookup would truncate {@code zh-TW} to {@code zh} and hand Taiwanese readers Simplified text.
     */
    public static Optional<UiLanguage> fromAcceptLanguage(String header) {
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
            if (match.isPresent()) {
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
