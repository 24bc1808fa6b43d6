package dev.manabi.rules;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the {@code badges} member of completion rules (README "Completion rules", "Badges"): what the {@code badges}
 * module issues when a badge's criteria first hold. Only checked here, so bad declarations are refused with the rest
 * of the rules (400 with JSON paths); the badges module reads them from {@code CompletionRulesSaved}.
 */
final class BadgeDeclarations {

    /** The UI languages a badge's texts may be given in (README "Languages"). */
    static final Set<String> TEXT_TAGS = Set.of("en", "ja", "zh-Hans", "zh-Hant", "ko");
    /** Largest image accepted, decoded: the image is baked into every assertion's PNG/SVG download. */
    static final int MAX_IMAGE_BYTES = 256 * 1024;
    private static final Set<String> MEMBERS = Set.of("id", "name", "description", "image", "criteria");
    private static final String PNG = "data:image/png;base64,";
    private static final String SVG = "data:image/svg+xml;base64,";

    private BadgeDeclarations() {
    }

    /**
     * @param unitIds   the units of the same rules ({@code "unit:<id>"} must name one)
     * @param hasCourse whether the rules have a course rule ({@code course-completed} / {@code course-passed} need it)
     */
    static void validate(JsonNode badges, Problems at, Set<String> unitIds, boolean hasCourse) {
        if (!badges.isArray()) {
            at.add("must be an array of badges {id, name, description, image, criteria}");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < badges.size(); i++) {
            JsonNode badge = badges.get(i);
            Problems bp = at.at(i);
            if (!badge.isObject()) {
                bp.add("must be an object with id, name, description and criteria");
                continue;
            }
            badge.fieldNames().forEachRemaining(f -> {
                if (!MEMBERS.contains(f)) {
                    bp.add(f, "unknown member; expected id, name, description, image or criteria");
                }
            });
            bp.requireId(badge, "id").filter(id -> !ids.add(id))
                    .ifPresent(id -> bp.add("id", "duplicate badge id '" + id + "'"));
            text(badge, "name", bp);
            text(badge, "description", bp);
            image(badge.get("image"), bp);
            bp.requireString(badge, "criteria").ifPresent(c -> criteria(c, bp, unitIds, hasCourse));
        }
    }

    /** A string, or an object keyed by the five UI tags, each non-blank. */
    private static void text(JsonNode badge, String field, Problems bp) {
        JsonNode node = badge.get(field);
        if (node == null || node.isNull()) {
            bp.add(field, "is required: a string or an object keyed by en, ja, zh-Hans, zh-Hant, ko");
        } else if (node.isTextual()) {
            if (node.asText().isBlank()) {
                bp.add(field, "must not be blank");
            }
        } else if (!node.isObject() || node.isEmpty()) {
            bp.add(field, "must be a string or an object keyed by en, ja, zh-Hans, zh-Hant, ko");
        } else {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!TEXT_TAGS.contains(e.getKey())) {
                    bp.at(field).add(e.getKey(), "'" + e.getKey() + "' is not one of en, ja, zh-Hans, zh-Hant, ko");
                } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    bp.at(field).add(e.getKey(), "must be a non-blank string");
                }
            }
        }
    }

    /** Optional; a PNG or SVG data URL (the image is baked, so it must be at hand, not fetched from elsewhere). */
    private static void image(JsonNode image, Problems bp) {
        if (image == null || image.isNull()) {
            return;
        }
        String value = image.isTextual() ? image.asText() : "";
        Optional<String> base64 = value.startsWith(PNG) ? Optional.of(value.substring(PNG.length()))
                : value.startsWith(SVG) ? Optional.of(value.substring(SVG.length())) : Optional.empty();
        if (base64.isEmpty()) {
            bp.add("image", "must be a data URL: data:image/png;base64,... or data:image/svg+xml;base64,...");
            return;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.get());
            if (bytes.length > MAX_IMAGE_BYTES) {
                bp.add("image", "is " + bytes.length + " bytes; at most " + MAX_IMAGE_BYTES + " are accepted");
            } else if (value.startsWith(PNG) && !isPng(bytes)) {
                bp.add("image", "is not a PNG image (wrong signature)");
            }
        } catch (IllegalArgumentException e) {
            bp.add("image", "is not valid base64");
        }
    }

    private static boolean isPng(byte[] bytes) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (bytes[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static void criteria(String criteria, Problems bp, Set<String> unitIds, boolean hasCourse) {
        if (criteria.equals("course-completed") || criteria.equals("course-passed")) {
            if (!hasCourse) {
                bp.add("criteria", "'" + criteria + "' needs a course rule in these completion rules");
            }
        } else if (criteria.startsWith("unit:")) {
            String unit = criteria.substring("unit:".length());
            if (!unitIds.contains(unit)) {
                bp.add("criteria", "'" + unit + "' is not a unit of these rules");
            }
        } else {
            bp.add("criteria", "must be course-completed, course-passed or unit:<unit id>");
        }
    }
}
