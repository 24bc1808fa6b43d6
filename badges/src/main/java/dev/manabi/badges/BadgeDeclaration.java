package dev.manabi.badges;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.i18n.LocalizedText;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One badge as a course's completion rules declare it (README "Badges"): {@code {"id", "name", "description",
 * "image", "criteria"}}. The rules were validated when they were saved (quiz engine's {@code BadgeDeclarations}), so
 * reading them here does not report problems again.
 *
 * @param key         the badge's id within the course
 * @param name        its name (a plain string is untagged)
 * @param description its description
 * @param image       the declared image, or empty for the generated default
 * @param criteria    {@code course-completed}, {@code course-passed} or {@code unit:<id>}
 */
record BadgeDeclaration(String key, LocalizedText name, LocalizedText description, Optional<Image> image,
                        String criteria) {

    /** A declared image: {@code image/png} or {@code image/svg+xml} bytes from a data URL. */
    record Image(String mediaType, byte[] bytes) {

        static Optional<Image> fromDataUrl(String url) {
            for (String type : List.of(BadgeArt.PNG, BadgeArt.SVG)) {
                String prefix = "data:" + type + ";base64,";
                if (url != null && url.startsWith(prefix)) {
                    return Optional.of(new Image(type, Base64.getDecoder().decode(url.substring(prefix.length()))));
                }
            }
            return Optional.empty();
        }
    }

    /** The badges of saved rules (none when the rules have no {@code badges} member). */
    static List<BadgeDeclaration> of(JsonNode rules) {
        List<BadgeDeclaration> out = new ArrayList<>();
        rules.path("badges").forEach(badge -> out.add(parse(badge)));
        return out;
    }

    /** One badge's declaration (as stored with its badge class). */
    static BadgeDeclaration parse(JsonNode badge) {
        return new BadgeDeclaration(badge.path("id").asText(), text(badge.path("name")),
                text(badge.path("description")), Image.fromDataUrl(badge.path("image").asText(null)),
                badge.path("criteria").asText());
    }

    private static LocalizedText text(JsonNode node) {
        if (node.isTextual()) {
            return LocalizedText.untagged(node.asText());
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return new LocalizedText(values);
    }
}
