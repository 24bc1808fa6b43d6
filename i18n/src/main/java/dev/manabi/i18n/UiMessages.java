package dev.manabi.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The player's UI strings in every {@link UiLanguage}, loaded from {@code dev/manabi/i18n/ui_<tag>.properties} (UTF-8).
 *
 * <p>The same bundles are served to the browser so web components never carry their own text. Bundles are complete
 * by contract (a build test fails on a missing or untranslated key), so lookups never silently fall back.
 */
public final class UiMessages {

    private static final UiMessages INSTANCE = new UiMessages();

    private final Map<UiLanguage, Map<String, String>> bundles = new EnumMap<>(UiLanguage.class);

    private UiMessages() {
        for (UiLanguage language : UiLanguage.values()) {
            bundles.put(language, Collections.unmodifiableMap(load(language)));
        }
    }

    public static UiMessages get() {
        return INSTANCE;
    }

    /** All keys and texts of one language, sorted by key. */
    public Map<String, String> bundle(UiLanguage language) {
        return bundles.get(language);
    }

    public String text(UiLanguage language, String key, Object... args) {
        String pattern = bundles.get(language).get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("No UI message '" + key + "' in " + language.tag());
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, language.locale()).format(args);
    }

    static String resourceName(UiLanguage language) {
        return "/dev/manabi/i18n/ui_" + language.tag() + ".properties";
    }

    private static Map<String, String> load(UiLanguage language) {
        Properties props = new Properties();
        try (InputStream in = UiMessages.class.getResourceAsStream(resourceName(language))) {
            if (in == null) {
                throw new IllegalStateException("Missing UI bundle " + resourceName(language));
            }
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> sorted = new TreeMap<>();
        props.forEach((k, v) -> sorted.put((String) k, (String) v));
        return sorted;
    }
}
