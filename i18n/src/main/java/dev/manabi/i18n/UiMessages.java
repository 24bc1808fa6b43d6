package dev.manabi.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The player's UI strings in every {@link UiLanguage}.
 *
 * <p>Every SDK module ships its own {@code META-INF/manabi/ui_<tag>.properties} (UTF-8) with keys under its own
 * prefix; this class merges all of them found on the class path, so a module brings its texts along with its code.
 * The same bundles are served to the browser, so web components never carry their own text. Bundles are complete by
 * contract ({@link UiBundleCheck} in every module's tests), so lookups never silently fall back.
 */
public final class UiMessages {

    private static volatile UiMessages instance;

    private final Map<UiLanguage, Map<String, String>> bundles = new EnumMap<>(UiLanguage.class);

    private UiMessages(ClassLoader loader) {
        for (UiLanguage language : UiLanguage.values()) {
            bundles.put(language, Collections.unmodifiableMap(load(loader, language)));
        }
    }

    /** The bundles visible to the SDK's class loader, loaded once. */
    public static UiMessages get() {
        UiMessages m = instance;
        if (m == null) {
            synchronized (UiMessages.class) {
                m = instance;
                if (m == null) {
                    m = new UiMessages(UiMessages.class.getClassLoader());
                    instance = m;
                }
            }
        }
        return m;
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
        return "META-INF/manabi/ui_" + language.tag() + ".properties";
    }

    private static Map<String, String> load(ClassLoader loader, UiLanguage language) {
        Map<String, String> merged = new TreeMap<>();
        Map<String, URL> origin = new TreeMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(resourceName(language));
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                // A key written twice in one file would silently keep the last text (Properties.load), and the
                // component using the first meaning would show the other's words: refuse it like a clash.
                Properties props = new Properties() {
                    @Override
                    public synchronized Object put(Object key, Object value) {
                        if (containsKey(key)) {
                            throw new IllegalStateException("UI key '" + key + "' is defined twice in " + url);
                        }
                        return super.put(key, value);
                    }
                };
                try (InputStream in = url.openStream()) {
                    props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                for (String key : props.stringPropertyNames()) {
                    URL first = origin.putIfAbsent(key, url);
                    if (first != null && !first.equals(url)) {
                        throw new IllegalStateException("UI key '" + key + "' is defined in both " + first + " and "
                                + url + "; prefix keys with the module name");
                    }
                    merged.put(key, props.getProperty(key));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (merged.isEmpty()) {
            throw new IllegalStateException("No UI bundle " + resourceName(language) + " on the class path");
        }
        return merged;
    }
}
