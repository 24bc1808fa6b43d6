package dev.manabi.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Language maps in the {@code canonical} statement format (xAPI 2.0 Part Three 2.1.3, "format": "return only one
 * language map entry ... chosen from the Accept-Language header, or the first one").
 */
public final class LanguageMaps {

    private LanguageMaps() {
    }

    /** Cuts {@code map} (in place) down to the one entry that best matches {@code preferred} (RFC 4647 lookup). */
    public static void reduce(ObjectNode map, List<Locale.LanguageRange> preferred) {
        if (map.size() <= 1) {
            return;
        }
        List<String> tags = new ArrayList<>();
        map.fieldNames().forEachRemaining(tags::add);
        String chosen = preferred.isEmpty() ? null : Locale.lookupTag(preferred, tags);
        if (chosen == null) {
            chosen = tags.stream().filter(t -> t.equalsIgnoreCase("und")).findFirst().orElse(tags.get(0));
        }
        JsonNode value = map.get(chosen);
        if (value == null) { // lookupTag lower-cases; find the stored spelling
            for (String t : tags) {
                if (t.equalsIgnoreCase(chosen)) {
                    chosen = t;
                    value = map.get(t);
                }
            }
        }
        map.removeAll();
        map.set(chosen, value);
    }

    /** Accept-Language as language ranges; an unusable header counts as none. */
    public static List<Locale.LanguageRange> ranges(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Every language map reachable in a statement's usual places (verb display, activity names, ...), in place. */
    static void reduceAll(JsonNode node, List<Locale.LanguageRange> preferred) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                JsonNode v = o.get(f);
                if (v instanceof ObjectNode map && ("display".equals(f) || "name".equals(f) && isMap(map)
                        || "description".equals(f))) {
                    reduce(map, preferred);
                } else if (!"extensions".equals(f)) {
                    reduceAll(v, preferred);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(child -> reduceAll(child, preferred));
        }
    }

    private static boolean isMap(ObjectNode o) {
        for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
            if (!it.next().isTextual()) {
                return false;
            }
        }
        return true;
    }
}
